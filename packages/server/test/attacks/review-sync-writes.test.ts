import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bindMember } from '../factories/bindings';
import { weComSignIn } from '../factories/wecom-login';
import { runNow, waitRun } from '../../src/modules/directory-sync/sync.test-harness';
import {
  useAttackWorld,
  accountRow,
  bindingsOf,
  linkRequestsOf,
  membershipIn,
  q,
  strangerIn,
  weComMember,
  runAsApi,
  startRun,
} from './sync-harness';

/**
 * Reviewer R: holes left by the trust-model change (PRODUCT.md §7) in what a sync writes.
 * These tests FAIL on the reviewed code; each names the hole it demonstrates.
 */
const w = useAttackWorld({ seed: 77, users: 6, departments: 2 }, { synced: true });

const corpId = () => w.sim.credentials.corpId;

describe('a member who quit the tenant is not the tenant’s to take back', () => {
  it('a bound member who quit (/sys/tenant/quit) stays quit: the sync neither reactivates the membership nor renames the account, and the WeCom member cannot sign in as them', async () => {
    // An account the tenant once owned and bound (sync or consent), e.g. a former employee.
    const victim = await w.t.factories.user(w.tenant.id, { realname: 'Former Employee' });
    weComMember(w, 'rv_quitter', { name: 'Former Employee' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: victim.id,
      corpId: corpId(),
      extUserId: 'rv_quitter',
      extName: 'Former Employee',
    });
    // The person leaves the tenant themselves.
    const quit = await w.t.call('POST', '/sys/tenant/quit', undefined, {
      token: victim.token,
      tenantId: w.tenant.id,
    });
    expect(quit.status, quit.body.message).toBe(200);
    expect((await membershipIn(w, w.tenant.id, victim.id))!.status).toBe(2);

    // The corp (which the tenant's admins control) renames its WeCom member; a sync runs.
    w.sim.admin.renameUser('rv_quitter', 'Renamed By Corp');
    expect((await runNow(w)).status).toBe('succeeded');

    // §7: members who quit are not the tenant's to edit at all.
    expect((await membershipIn(w, w.tenant.id, victim.id))!.status).toBe(2);
    expect((await accountRow(w, victim.id)).realname).toBe('Former Employee');
    // …and the corp's member does not get a session as the account that left.
    const signIn = await weComSignIn(w.t, { tenantId: w.tenant.id, userid: 'rv_quitter' });
    expect(signIn.fragment.ticket).toBeUndefined();
  });
});

describe('ownership is decided when the sync writes, not when it started reading WeCom', () => {
  it('an own account that becomes shared while a scheduled/API run reads WeCom is not bound nor renamed without its owner (a link request instead)', async () => {
    const home = await w.t.factories.tenant();
    const phone = `1390000${Math.floor(Math.random() * 10000)
      .toString()
      .padStart(4, '0')}`;
    // The tenant's own account (active here only), matched by mobile to a WeCom member.
    const victim = await strangerIn(w, w.tenant, { phone, realname: 'Race Victim' });
    weComMember(w, 'rv_race', { name: 'Corp Says Otherwise', mobile: phone });
    // The person has asked to join another tenant; that tenant approves during the run.
    const login = await w.t.call('POST', '/sys/login', {
      username: victim.username,
      password: victim.password,
    });
    expect(login.status, login.body.message).toBe(200);
    const token = login.body.result.token as string;
    const join = await w.t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: home.houseNumber },
      { token },
    );
    expect(join.status, join.body.message).toBe(200);

    // A WeCom read that takes a while (a big corp, or WeCom's own latency).
    w.sim.admin.resetCounts();
    w.sim.admin.setLatency(300);
    try {
      const runId = await startRun(w);
      // Once the run reads members, the tenant's side of the local state has long been loaded.
      for (let i = 0; i < 200; i++) {
        const c = w.sim.admin.counts();
        if (Object.keys(c).some((k) => k.startsWith('/cgi-bin/user/'))) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const approve = await w.t.call(
        'POST',
        '/sys/tenant/members/approve',
        { userId: victim.id },
        { token: w.t.adminToken, tenantId: home.id },
      );
      expect(approve.status, approve.body.message).toBe(200);
      const run = await waitRun(w, runId);
      expect(run.status).toBe('succeeded');
    } finally {
      w.sim.admin.setLatency(0);
    }

    // The account is shared now (active here and in `home`): §7 says a binding waits for the
    // owner's consent and the tenant may not rename it.
    expect((await membershipIn(w, home.id, victim.id))!.status).toBe(1);
    expect(await bindingsOf(w, victim.id)).toEqual([]);
    expect((await accountRow(w, victim.id)).realname).toBe('Race Victim');
    expect((await linkRequestsOf(w, victim.id)).map((r) => r.status)).toEqual(['pending']);
  });
});

// Last: it takes the tenant away from its admin when it fails.
describe('a sync never leaves the tenant without an administrator', () => {
  async function soleAdminWorld() {
    // The platform admin that created the tenant steps down (what tenants.test does): the
    // tenant's own admin is its only administrator.
    const stepDown = await w.t.call('POST', '/sys/tenant/quit', undefined, {
      token: w.t.adminToken,
      tenantId: w.tenant.id,
    });
    expect([200, 404]).toContain(stepDown.status);
    const admins = await q<{ user_id: number }>(
      w,
      sql`select user_id from memberships where tenant_id = ${w.tenant.id} and role = 'admin'
        and status = 1 and not frozen`,
    );
    expect(admins.map((a) => a.user_id)).toEqual([w.admin.id]);
  }

  it('the only admin, bound to a WeCom member that is deleted from WeCom, is not quit by the sync (members.last_admin is kept)', async () => {
    await soleAdminWorld();
    weComMember(w, 'rv_admin', { name: 'Sole Admin' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: w.admin.id,
      corpId: corpId(),
      extUserId: 'rv_admin',
      extName: 'Sole Admin',
    });
    // Deleted in WeCom (by accident, or by a corp admin who is not the tenant's admin).
    w.sim.admin.deleteUser('rv_admin');
    // Polled as the platform admin: the tenant admin may have lost access meanwhile.
    expect((await runAsApi(w)).status).toBe('succeeded');

    const m = await q<{ status: number; frozen: boolean; role: string }>(
      w,
      sql`select status, frozen, role from memberships where tenant_id = ${w.tenant.id} and user_id = ${w.admin.id}`,
    );
    const activeAdmins = await q<{ n: number }>(
      w,
      sql`select count(*)::int as n from memberships where tenant_id = ${w.tenant.id} and role = 'admin'
        and status = 1 and not frozen`,
    );
    // The tenant still has an administrator who can act (the console works for them).
    expect(activeAdmins[0]!.n, `admin membership now ${JSON.stringify(m)}`).toBeGreaterThan(0);
    const me = await w.t.call('GET', '/sys/tenant/members?pageSize=1', undefined, {
      token: w.admin.token,
      tenantId: w.tenant.id,
    });
    expect(me.status, me.body.message).toBe(200);
  });
});
