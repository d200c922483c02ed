import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindMember } from '../factories/bindings';
import { apply, fullSync, preview } from '../../src/modules/directory-sync/sync.test-harness';
import type { TestTenant } from '../factories';
import {
  useAttackWorld,
  accountRow,
  bindingsOf,
  idsIn,
  linkRequestsOf,
  membershipIn,
  pairOf,
  q,
  strangerIn,
  weComMember,
} from './sync-harness';

/**
 * Finding 2: sync matched accounts of ANY tenant by generated username, mobile or e-mail, showed
 * their id, username and real name in the plan, and apply bound them with a pending membership
 * the same admin could approve — then a WeCom sign-in as their own member used the victim's
 * account. Mobile and e-mail are set by the corp's own admin and prove nothing about the account's
 * owner. Now such a match creates a link request only: nothing bound, no membership, no names.
 */
const w = useAttackWorld({ seed: 43, users: 6, departments: 2 });
let elsewhere: TestTenant;
beforeAll(async () => {
  elsewhere = await w.t.factories.tenant();
  expect((await fullSync(w)).run.status).toBe('succeeded');
});

interface Item {
  action: string;
  extId: string;
  label: string;
  userId: number | null;
  reason: string;
}
async function itemsOf(runId: number): Promise<Item[]> {
  const res = await w.t.call(
    'GET',
    `/sys/thirdApp/sync/runs/${runId}/items?pageSize=100`,
    undefined,
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return res.body.result.records as Item[];
}

async function boundList(keyword = '') {
  const res = await w.t.call(
    'GET',
    `/sys/thirdApp/bindings?pageSize=100&keyword=${encodeURIComponent(keyword)}`,
    undefined,
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  return res.body.result as { records: Record<string, unknown>[]; total: number };
}

describe('sync never takes an account of another tenant', () => {
  it('matched by mobile or e-mail: the plan names nobody, apply binds nothing and creates no membership, a link request waits for the owner; the generated username matches nobody outside the tenant', async () => {
    const byMobile = await strangerIn(w, elsewhere, { phone: '13811112222' });
    const byEmail = await strangerIn(w, elsewhere, { email: 'victim.email@example.org' });
    // A legacy account named like this tenant's generated usernames (new ones are refused at
    // creation): renamed directly, as no endpoint makes one any more.
    const legacy = await strangerIn(w, elsewhere);
    const byUsername = { ...legacy, username: w.tenant.houseNumber + 'x_username' };
    await w.t.db.execute(
      sql`update users set username = ${byUsername.username} where id = ${legacy.id}`,
    );
    weComMember(w, 'x_mobile', { name: 'Mobile Claim', mobile: '+86 138 1111 2222' });
    weComMember(w, 'x_email', { name: 'Email Claim', email: 'Victim.Email@example.org' });
    weComMember(w, 'x_username', { name: 'Username Claim' });
    const victims = [byMobile, byEmail, byUsername];
    const plan = await preview(w);
    // Helper F: the generated username is not proof of anything outside the tenant — no
    // proposal, the member's own account is to be created (and cannot be: see below).
    expect(pairOf(plan, 'x_username')).toMatchObject({ userId: null, match: 'none' });
    expect(pairOf(plan, 'x_username')?.outsider).toBeUndefined();
    expect(plan.members.toCreate).toContain('x_username');
    for (const id of ['x_mobile', 'x_email']) {
      expect(pairOf(plan, id), id).toMatchObject({
        userId: null,
        username: null,
        realname: null,
        outsider: true,
        awaitingOwner: true,
      });
    }
    const text = JSON.stringify(plan);
    for (const v of victims) {
      expect(idsIn(plan).has(v.id)).toBe(false);
      expect(text).not.toContain(v.username);
      expect(text).not.toContain(v.realname);
    }
    expect(plan.counts).toMatchObject({ linkRequests: 2, pending: 0 });

    const run = await apply(w, plan.planId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    for (const v of victims) {
      expect(await bindingsOf(w, v.id)).toEqual([]);
      expect(await membershipIn(w, w.tenant.id, v.id)).toBeNull();
      // The victim's account is untouched and still theirs.
      expect((await accountRow(w, v.id)).realname).toBe(v.realname);
      await expect(w.t.login(v.username, v.password)).resolves.toBeTruthy();
    }
    expect(await linkRequestsOf(w, byUsername.id)).toEqual([]);
    for (const [v, ext] of [
      [byMobile, 'x_mobile'],
      [byEmail, 'x_email'],
    ] as const) {
      expect(await linkRequestsOf(w, v.id)).toEqual([
        expect.objectContaining({
          ext_user_id: ext,
          status: 'pending',
          requested_by: w.admin.id,
          run_id: run.id,
        }),
      ]);
    }
    const all = await itemsOf(run.id);
    const items = all.filter((i) => i.action === 'link_requested');
    expect(items.map((i) => i.extId).sort()).toEqual(['x_email', 'x_mobile']);
    for (const i of items) expect(i).toMatchObject({ reason: 'awaiting_owner', userId: null });
    // The member whose generated username is taken gets no account; the run says so, naming
    // nobody, and fails nothing.
    expect(all.filter((i) => i.extId === 'x_username')).toEqual([
      expect.objectContaining({ reason: 'username_taken', userId: null, label: '' }),
    ]);
    expect(run.counts.failed ?? 0).toBe(0);

    // The bound list shows the requests as waiting, without naming the accounts.
    const list = await boundList();
    const waiting = list.records.filter((r) => r.state === 'awaiting_owner');
    expect(waiting).toHaveLength(2);
    for (const r of waiting) {
      expect(r).toMatchObject({ id: null, userId: null, username: null, realname: null });
      expect(r.outsider).toBe(true);
      expect(typeof r.linkRequestId).toBe('number');
    }
    expect(list.records.filter((r) => r.state === 'bound').length).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toContain(byMobile.username);
    // Searching by a stranger's username or name finds nothing.
    expect((await boundList(byEmail.username)).total).toBe(0);
    expect((await boundList(byEmail.realname)).total).toBe(0);

    // A second sync asks nobody twice and fails nothing.
    const again = await preview(w);
    expect(pairOf(again, 'x_mobile')).toMatchObject({ userId: null, awaitingOwner: true });
    expect(again.counts.linkRequests).toBe(0);
    const run2 = await apply(w, again.planId);
    expect(run2.status).toBe('succeeded');
    expect(run2.counts.failed ?? 0).toBe(0);
    for (const v of [byMobile, byEmail]) expect(await linkRequestsOf(w, v.id)).toHaveLength(1);

    // The tenant admin may withdraw a request; later syncs leave the member alone until paired by hand.
    const [req] = await linkRequestsOf(w, byMobile.id);
    const del = await w.t.call('DELETE', `/sys/thirdApp/linkRequests/${req!.id}`, undefined, {
      token: w.admin.token,
    });
    expect(del.status, del.body.message).toBe(200);
    expect((await linkRequestsOf(w, byMobile.id))[0]!.status).toBe('cancelled');
    const gone = await w.t.call('DELETE', `/sys/thirdApp/linkRequests/${req!.id}`, undefined, {
      token: w.admin.token,
    });
    expect(gone.status).toBe(404);
    await fullSync(w);
    expect(await linkRequestsOf(w, byMobile.id)).toHaveLength(1);
  });

  it('the victim only asked to join: a pending member matched or paired by hand gets a link request, no binding, and stays pending', async () => {
    const asked = await strangerIn(w, elsewhere, { phone: '13822223333' });
    const handPicked = await strangerIn(w, elsewhere);
    for (const v of [asked, handPicked]) {
      const token = await w.t.login(v.username, v.password);
      const join = await w.t.call(
        'POST',
        '/sys/tenant/join',
        { houseNumber: w.tenant.houseNumber },
        { token },
      );
      expect(join.status, join.body.message).toBe(200);
      expect((await membershipIn(w, w.tenant.id, v.id))?.status).toBe(3);
    }
    weComMember(w, 'x_joiner', { name: 'Joiner Claim', mobile: '13822223333' });
    weComMember(w, 'x_hand', { name: 'Hand Claim' });
    const plan = await preview(w);
    // Members of the tenant (even pending) are in its member list: named, but waiting for the owner.
    expect(pairOf(plan, 'x_joiner')).toMatchObject({ userId: asked.id, awaitingOwner: true });
    const run = await apply(w, plan.planId, {
      pairs: [{ wechatUserId: 'x_hand', userId: handPicked.id }],
    });
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    for (const [v, ext] of [
      [asked, 'x_joiner'],
      [handPicked, 'x_hand'],
    ] as const) {
      expect(await bindingsOf(w, v.id)).toEqual([]);
      expect((await membershipIn(w, w.tenant.id, v.id))?.status).toBe(3);
      expect(await linkRequestsOf(w, v.id)).toEqual([
        expect.objectContaining({ ext_user_id: ext, status: 'pending' }),
      ]);
    }
  });

  it("a shared account keeps its realname and position: the sync writes WeCom's name and position on the membership, and its binding keeps working", async () => {
    const shared = await strangerIn(w, elsewhere, { realname: 'Own Name' });
    const token = await w.t.login(shared.username, shared.password);
    await w.t.call('POST', '/sys/tenant/join', { houseNumber: w.tenant.houseNumber }, { token });
    const ok = await w.t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: shared.id },
      { token: w.admin.token },
    );
    expect(ok.status, ok.body.message).toBe(200);
    weComMember(w, 'x_shared', { name: 'Corp Name' });
    w.sim.admin.updateUser('x_shared', { position: '经理' });
    // Bound already (before this tenant's sync could ask, e.g. by the owner's own link).
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: shared.id,
      corpId: w.sim.credentials.corpId,
      extUserId: 'x_shared',
    });
    const run = (await fullSync(w)).run;
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(await accountRow(w, shared.id)).toMatchObject({ realname: 'Own Name', position: null });
    expect(await membershipIn(w, w.tenant.id, shared.id)).toMatchObject({
      status: 1,
      display_name: 'Corp Name',
      position: '经理',
    });
    expect(
      await q(
        w,
        sql`select active from third_accounts where tenant_id = ${w.tenant.id} and user_id = ${shared.id}`,
      ),
    ).toEqual([{ active: true }]);
    // Idempotent: nothing more to do.
    const again = await preview(w);
    expect(again.members.toUpdate.map((u: { userId: number }) => u.userId)).not.toContain(
      shared.id,
    );
  });

  it('a refused request is not asked again until an admin pairs the member by hand; a request whose member leaves WeCom is cancelled', async () => {
    const refuses = await strangerIn(w, elsewhere, { phone: '13833334444' });
    const leaves = await strangerIn(w, elsewhere, { phone: '13844445555' });
    weComMember(w, 'x_refused', { name: 'Refused Claim', mobile: '13833334444' });
    weComMember(w, 'x_leaves', { name: 'Leaving Claim', mobile: '13844445555' });
    await fullSync(w);
    const [asked] = await linkRequestsOf(w, refuses.id);
    expect(asked).toMatchObject({ status: 'pending' });
    expect(await linkRequestsOf(w, leaves.id)).toEqual([
      expect.objectContaining({ status: 'pending' }),
    ]);
    // The owner's answer is another module's endpoint: arranged directly here.
    await w.t.db.execute(
      sql`update link_requests set status = 'refused', decided_at = now() where id = ${asked!.id}`,
    );
    w.sim.admin.deleteUser('x_leaves');
    const plan = await preview(w);
    expect(pairOf(plan, 'x_refused')).toMatchObject({
      userId: null,
      ownerRefused: true,
      match: 'none',
    });
    expect(plan.members.toCreate).not.toContain('x_refused');
    const run = await apply(w, plan.planId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect((await linkRequestsOf(w, refuses.id)).map((r) => r.status)).toEqual(['refused']);
    expect((await linkRequestsOf(w, leaves.id)).map((r) => r.status)).toEqual(['cancelled']);
    expect(await bindingsOf(w, refuses.id)).toEqual([]);
    // Nothing changes on the next run either.
    const again = await preview(w);
    expect(pairOf(again, 'x_refused')).toMatchObject({ ownerRefused: true });
    expect(again.counts).toMatchObject({
      linkRequests: 0,
      linkRequestsCancelled: 0,
      ownerRefused: 1,
    });
    // A tenant member picked by hand for it: asked again (a new request), still nothing bound.
    const member = await w.t.factories.user(elsewhere.id);
    const token = await w.t.login(member.username, member.password);
    await w.t.call('POST', '/sys/tenant/join', { houseNumber: w.tenant.houseNumber }, { token });
    const third = await preview(w);
    const hand = await apply(w, third.planId, {
      pairs: [{ wechatUserId: 'x_refused', userId: member.id }],
    });
    expect(hand.status, JSON.stringify(hand.error)).toBe('succeeded');
    expect(await linkRequestsOf(w, member.id)).toEqual([
      expect.objectContaining({ ext_user_id: 'x_refused', status: 'pending' }),
    ]);
    expect(await bindingsOf(w, member.id)).toEqual([]);
  });
});
