import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindMember } from '../factories/bindings';
import {
  fullSync,
  runNow,
  type SyncWorld,
} from '../../src/modules/directory-sync/sync.test-harness';
import {
  attackWorld,
  accountRow,
  bindingsOf,
  linkRequestsOf,
  membershipIn,
  q,
  strangerIn,
  weComMember,
  runAsApi,
} from './sync-harness';

/**
 * What a sync re-checks when it writes (PRODUCT.md §7), beyond the reviewer's tests
 * (review-*.test.ts): a generated username taken outside the tenant, a membership ended by a
 * person rather than by the sync, and the tenant's last active administrator.
 */
const world = (users = 4) => attackWorld({ seed: 29, users, departments: 1 });

interface Item {
  action: string;
  extId: string;
  label: string;
  userId: number | null;
  outcome: string;
  reason: string;
}
async function itemsOf(w: SyncWorld, runId: number, token = w.admin.token): Promise<Item[]> {
  const res = await w.t.call(
    'GET',
    `/sys/thirdApp/sync/runs/${runId}/items?pageSize=100`,
    undefined,
    { token, tenantId: w.tenant.id },
  );
  expect(res.status, res.body.message).toBe(200);
  return res.body.result.records as Item[];
}

const activeAdmins = async (w: SyncWorld) =>
  (
    await q<{ user_id: number }>(
      w,
      sql`select user_id from memberships where tenant_id = ${w.tenant.id} and role = 'admin'
        and status = 1 and not frozen order by user_id`,
    )
  ).map((r) => r.user_id);

/** The platform admin that created the tenant steps down: the tenant's admins are its own. */
async function platformAdminStepsDown(w: SyncWorld) {
  const res = await w.t.call('POST', '/sys/tenant/quit', undefined, {
    token: w.t.adminToken,
    tenantId: w.tenant.id,
  });
  expect(res.status, res.body.message).toBe(200);
}

describe('accounts and memberships the sync must leave alone', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await world();
    expect((await fullSync(w)).run.status).toBe('succeeded');
  });
  afterAll(async () => w?.close());

  it('a generated username held by an account outside the tenant: that member gets no account and is reported as username_taken, naming nobody; the other new members are created', async () => {
    const elsewhere = await w.t.factories.tenant();
    // A legacy account named <house number><userid> (new ones are refused at creation).
    const legacy = await strangerIn(w, elsewhere, { realname: 'Legacy Holder' });
    const taken = `${w.tenant.houseNumber}gw_taken`;
    await w.t.db.execute(sql`update users set username = ${taken} where id = ${legacy.id}`);
    weComMember(w, 'gw_taken', { name: 'Taken Member' });
    weComMember(w, 'gw_fresh', { name: 'Fresh Member' });

    const run = await runNow(w);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(run.counts.failed ?? 0).toBe(0);
    expect(run.counts.username_taken).toBe(1);
    const items = await itemsOf(w, run.id as number);
    expect(items.filter((i) => i.extId === 'gw_taken')).toEqual([
      expect.objectContaining({
        outcome: 'skipped',
        reason: 'username_taken',
        label: '',
        userId: null,
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain('Legacy Holder');
    // The holder is neither bound, asked, nor made a member; its account is untouched.
    expect(await bindingsOf(w, legacy.id)).toEqual([]);
    expect(await linkRequestsOf(w, legacy.id)).toEqual([]);
    expect(await membershipIn(w, w.tenant.id, legacy.id)).toBeNull();
    expect((await accountRow(w, legacy.id)).realname).toBe('Legacy Holder');
    // The other member of the same chunk got an account of its own.
    const fresh = await q<{ user_id: number }>(
      w,
      sql`select user_id from third_accounts where tenant_id = ${w.tenant.id} and ext_user_id = 'gw_fresh' and active`,
    );
    expect(fresh).toHaveLength(1);
  });

  it('a member who quit and whose binding a person ended (binding inactive, 移出 marker) stays quit: no restore, no rename, binding stays inactive', async () => {
    const member = await w.t.factories.user(w.tenant.id, { realname: 'Gone Member' });
    weComMember(w, 'gw_quitter', { name: 'Gone Member' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: member.id,
      corpId: w.sim.credentials.corpId,
      extUserId: 'gw_quitter',
    });
    const quit = await w.t.call('POST', '/sys/tenant/quit', undefined, {
      token: member.token,
      tenantId: w.tenant.id,
    });
    expect(quit.status, quit.body.message).toBe(200);
    // What quitting leaves once it ends the tenant's bindings: inactive binding + marker.
    await w.t.db.execute(
      sql`update third_accounts set active = false where tenant_id = ${w.tenant.id} and user_id = ${member.id}`,
    );
    await w.t.db
      .execute(sql`insert into sync_unpaired (tenant_id, third_type, corp_id, ext_user_id, user_id)
      values (${w.tenant.id}, 'wechat_enterprise', ${w.sim.credentials.corpId}, 'gw_quitter', ${member.id})
      on conflict do nothing`);
    w.sim.admin.renameUser('gw_quitter', 'Renamed By Corp');

    expect((await runNow(w)).status).toBe('succeeded');
    expect((await membershipIn(w, w.tenant.id, member.id))!.status).toBe(2);
    expect((await accountRow(w, member.id)).realname).toBe('Gone Member');
    expect(await q(w, sql`select active from third_accounts where user_id = ${member.id}`)).toEqual(
      [{ active: false }],
    );
  });

  it('a member the sync marked left is restored when back in WeCom (the sync ended it)', async () => {
    const member = await w.t.factories.user(w.tenant.id, { realname: 'Returner' });
    weComMember(w, 'gw_back', { name: 'Returner' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: member.id,
      corpId: w.sim.credentials.corpId,
      extUserId: 'gw_back',
      extName: 'Returner',
    });
    w.sim.admin.deleteUser('gw_back');
    expect((await runNow(w)).status).toBe('succeeded');
    expect((await membershipIn(w, w.tenant.id, member.id))!.status).toBe(2);
    weComMember(w, 'gw_back', { name: 'Returner' });
    const run = await runNow(w);
    expect(run.status).toBe('succeeded');
    expect((await membershipIn(w, w.tenant.id, member.id))!.status).toBe(1);
    expect(await q(w, sql`select active from third_accounts where user_id = ${member.id}`)).toEqual(
      [{ active: true }],
    );
  });
});

describe('a sync never leaves the tenant without an active administrator', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    // Enough members that two leavers stay under the mass-change threshold.
    w = await world(14);
    expect((await fullSync(w)).run.status).toBe('succeeded');
    await platformAdminStepsDown(w);
    expect(await activeAdmins(w)).toEqual([w.admin.id]);
  });
  afterAll(async () => w?.close());

  it('the only admin, disabled in WeCom, is not frozen: the item says last_admin_kept, also on the next run', async () => {
    weComMember(w, 'gw_admin', { name: 'Sole Admin' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: w.admin.id,
      corpId: w.sim.credentials.corpId,
      extUserId: 'gw_admin',
      extName: 'Sole Admin',
    });
    w.sim.admin.updateUser('gw_admin', { status: 2 });
    for (let i = 0; i < 2; i++) {
      const run = await runAsApi(w);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      expect(await activeAdmins(w)).toEqual([w.admin.id]);
      const items = await itemsOf(w, run.id as number, w.t.adminToken);
      expect(items.filter((x) => x.extId === 'gw_admin')).toEqual([
        expect.objectContaining({ outcome: 'skipped', reason: 'last_admin_kept' }),
      ]);
    }
  });

  it('two admins deleted from WeCom in one run: one of them stays an active admin, the other is marked left', async () => {
    const second = await w.t.factories.user(w.tenant.id, { role: 'admin' });
    weComMember(w, 'gw_admin2', { name: 'Second Admin' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: second.id,
      corpId: w.sim.credentials.corpId,
      extUserId: 'gw_admin2',
      extName: 'Second Admin',
    });
    // The first admin is enabled again (not frozen), then both leave WeCom.
    w.sim.admin.updateUser('gw_admin', { status: 1 });
    expect((await runAsApi(w)).status).toBe('succeeded');
    expect(await activeAdmins(w)).toEqual([w.admin.id, second.id].sort((a, b) => a - b));
    w.sim.admin.deleteUser('gw_admin');
    w.sim.admin.deleteUser('gw_admin2');
    const run = await runAsApi(w);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(await activeAdmins(w)).toHaveLength(1);
    const items = (await itemsOf(w, run.id as number, w.t.adminToken)).filter(
      (x) => x.action === 'leave',
    );
    expect(items.map((x) => x.reason).sort()).toEqual(['deleted_in_wecom', 'last_admin_kept']);
    // Both bindings ended all the same.
    expect(
      await q(
        w,
        sql`select active from third_accounts where tenant_id = ${w.tenant.id} and ext_user_id in ('gw_admin', 'gw_admin2')`,
      ),
    ).toEqual([{ active: false }, { active: false }]);
  });
});
