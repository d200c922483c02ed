import { updateWeCom } from '@orgbridge/test-world';
/**
 * Sign-in scope `snsapi_privateinfo` (issue 14 item 3, reference §6.5 and §13): the member's
 * consented mobile/email land on the binding and survive a re-sync, which does not count them
 * as a change.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hop, startUrl, weComSignIn } from '../../../test/factories/wecom-login';
import { rowsOf } from '../../lib/sql';
import {
  apply,
  fullSync,
  preview,
  syncWorld,
  type SyncWorld,
} from '../directory-sync/sync.test-harness';

let w: SyncWorld;
let members: string[];
beforeAll(async () => {
  w = await syncWorld(
    { users: 12, departments: 3 },
    { policy: { initialPassword: 'same-as-username' } },
  );
  await fullSync(w);
  members = w.sim.admin
    .listUsers()
    .filter((u) => u.status === 1)
    .map((u) => u.userid);
});
afterAll(async () => w?.close());

const setScope = async (signInScope: 'base' | 'privateinfo') => {
  const res = await updateWeCom(
    w.t.call,
    { token: w.admin.token },
    { syncPolicy: { signInScope } },
  );
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
};

const extDataOf = async (userid: string) => {
  const rows = rowsOf<{ ext_data: Record<string, unknown> | null }>(
    await w.t.db.execute(sql`select ext_data from third_accounts
      where tenant_id = ${w.tenant.id} and ext_user_id = ${userid}`),
  );
  return rows[0]?.ext_data ?? null;
};

const detailCalls = () => w.sim.admin.counts()['/cgi-bin/auth/getuserdetail'] ?? 0;

describe('sign-in scope snsapi_privateinfo', () => {
  it('defaults to base and reads the knob back', async () => {
    const res = await w.t.call(
      'GET',
      '/sys/thirdApp/config?thirdType=wechat_enterprise',
      undefined,
      {
        token: w.admin.token,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.syncPolicy.signInScope).toBe('base');
    expect((await setScope('privateinfo')).syncPolicy.signInScope).toBe('privateinfo');
  });

  it('sends the in-app sign-in to WeCom with scope=snsapi_privateinfo and the agentid', async () => {
    await setScope('privateinfo');
    const res = await hop(w.t, startUrl({ tenantId: w.tenant.id }));
    const url = new URL(res.location);
    expect(url.searchParams.get('scope')).toBe('snsapi_privateinfo');
    expect(url.searchParams.get('agentid')).toBe(String(w.sim.credentials.agentId));
  });

  it('stores the consented mobile/email on the binding, merged into its ext_data', async () => {
    await setScope('privateinfo');
    const userid = members[0]!;
    const before = await extDataOf(userid);
    expect(before).not.toBeNull();
    const calls = detailCalls();
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
    expect(fragment.ticket, JSON.stringify(fragment)).toBeTruthy();
    expect(detailCalls()).toBe(calls + 1);
    const simUser = w.sim.admin.listUsers().find((u) => u.userid === userid)!;
    const after = await extDataOf(userid);
    expect(after).toMatchObject({
      ...before,
      consented: { mobile: simUser.mobile, email: simUser.email },
    });
    expect(typeof (after!.consented as { at: unknown }).at).toBe('string');
  });

  it('a following full sync keeps the consented fields and counts no change for the member', async () => {
    const userid = members[0]!;
    const consented = (await extDataOf(userid))!.consented;
    expect(consented).toBeTruthy();
    const plan = await preview(w);
    expect(plan.counts).toMatchObject({ create: 0, bind: 0, update: 0, leave: 0 });
    const run = await apply(w, plan.planId);
    expect(run.status).toBe('succeeded');
    expect(run.counts.writes).toBe(0);
    expect((await extDataOf(userid))!.consented).toEqual(consented);
  });

  it('keeps the consented fields when a sync does rewrite the binding', async () => {
    const userid = members[0]!;
    const consented = (await extDataOf(userid))!.consented;
    w.sim.admin.updateUser(userid, { position: 'Consent tester' });
    const { plan, run } = await fullSync(w);
    expect(plan.counts.update).toBe(1);
    expect(run.status).toBe('succeeded');
    const after = await extDataOf(userid);
    expect(after).toMatchObject({ position: 'Consent tester', consented });
  });

  it('sync alone (no sign-in in between) neither erases consented fields nor counts them', async () => {
    const userid = members[3]!;
    const consented = {
      mobile: '13900000000',
      email: 'seeded@example.com',
      at: '2026-12-01T00:00:00.000Z',
    };
    await w.t.db
      .execute(sql`update third_accounts set ext_data = ext_data || ${JSON.stringify({ consented })}::jsonb
      where tenant_id = ${w.tenant.id} and ext_user_id = ${userid}`);
    const plan = await preview(w);
    expect(plan.counts).toMatchObject({ update: 0 });
    await apply(w, plan.planId);
    w.sim.admin.updateUser(userid, { position: 'Seeded tester' });
    const again = await fullSync(w);
    expect(again.plan.counts.update).toBe(1);
    expect(await extDataOf(userid)).toMatchObject({ position: 'Seeded tester', consented });
  });

  it('QR / web login keeps snsapi_base semantics: no getuserdetail call', async () => {
    await setScope('privateinfo');
    const userid = members[1]!;
    const calls = detailCalls();
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid, qr: true });
    expect(fragment.ticket, JSON.stringify(fragment)).toBeTruthy();
    expect(detailCalls()).toBe(calls);
    expect((await extDataOf(userid))!.consented).toBeUndefined();
  });

  it('knob off: base scope, no getuserdetail call, nothing stored', async () => {
    await setScope('base');
    const start = await hop(w.t, startUrl({ tenantId: w.tenant.id }));
    expect(new URL(start.location).searchParams.get('scope')).toBe('snsapi_base');
    const userid = members[2]!;
    const calls = detailCalls();
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
    expect(fragment.ticket, JSON.stringify(fragment)).toBeTruthy();
    expect(detailCalls()).toBe(calls);
    expect((await extDataOf(userid))!.consented).toBeUndefined();
  });
});
