import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bindMember } from '../factories/bindings';
import { weComSignIn } from '../factories/wecom-login';
import { useAttackWorld, membershipIn, q, weComMember } from './sync-harness';

/**
 * Quitting a tenant (`POST /sys/tenant/quit`) ends the member's bindings in that tenant, as the
 * member's own unlink does: each binding is marked inactive (kept for history) and its WeCom
 * member is marked unpaired, so neither the tenant's sync nor the corp's WeCom member can take the
 * account back (PRODUCT.md §7: members who quit are not the tenant's to edit at all). Left
 * active, the binding let the next sync reactivate and rename the member who had left. (That a
 * sync then also leaves the quit membership alone is the sync's part, proven by
 * `review-sync-writes.test.ts`.)
 */
const w = useAttackWorld({ seed: 93, users: 3, departments: 1 }, { synced: true });

const corpId = () => w.sim.credentials.corpId;

const bindingRows = (userId: number) =>
  q<{ tenant_id: number; ext_user_id: string; active: boolean }>(
    w,
    sql`select tenant_id, ext_user_id, active from third_accounts where user_id = ${userId} order by tenant_id`,
  );

const markers = (tenantId: number, extUserId: string) =>
  q<{ user_id: number; created_by: number | null }>(
    w,
    sql`select user_id, created_by from sync_unpaired
      where tenant_id = ${tenantId} and lower(ext_user_id) = lower(${extUserId})`,
  );

const quit = (token: string, tenantId: number) =>
  w.t.call('POST', '/sys/tenant/quit', undefined, { token, tenantId });

describe('quitting a tenant ends its bindings', () => {
  it('a bound member who quits: the binding is inactive, the WeCom member is marked unpaired, and its WeCom sign-in does not reach the account', async () => {
    const member = await w.t.factories.user(w.tenant.id, { realname: 'Leaving Member' });
    weComMember(w, 'gq_leaver', { name: 'Leaving Member' });
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: member.id,
      corpId: corpId(),
      extUserId: 'gq_leaver',
      extName: 'Leaving Member',
    });
    // Bound and able to sign in with WeCom before quitting (the test can fail).
    const before = await weComSignIn(w.t, { tenantId: w.tenant.id, userid: 'gq_leaver' });
    expect(before.fragment.ticket, JSON.stringify(before.fragment)).toBeTruthy();

    const res = await quit(member.token, w.tenant.id);
    expect(res.status, res.body.message).toBe(200);

    expect((await membershipIn(w, w.tenant.id, member.id))!.status).toBe(2);
    expect(await bindingRows(member.id)).toEqual([
      { tenant_id: w.tenant.id, ext_user_id: 'gq_leaver', active: false },
    ]);
    expect(await markers(w.tenant.id, 'gq_leaver')).toEqual([
      { user_id: member.id, created_by: member.id },
    ]);
    const signIn = await weComSignIn(w.t, { tenantId: w.tenant.id, userid: 'gq_leaver' });
    expect(signIn.fragment.ticket).toBeUndefined();
  });

  it('quitting one tenant leaves the bindings of the account in its other tenants alone', async () => {
    const other = await w.t.factories.tenant();
    const member = await w.t.factories.user(w.tenant.id, { realname: 'Two Homes' });
    // Also an active member of `other` (the platform admin adds it there), bound in both.
    const join = await w.t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: other.houseNumber },
      { token: member.token },
    );
    expect(join.status, join.body.message).toBe(200);
    const approve = await w.t.call(
      'POST',
      '/sys/tenant/members/approve',
      { userId: member.id },
      { token: w.t.adminToken, tenantId: other.id },
    );
    expect(approve.status, approve.body.message).toBe(200);
    weComMember(w, 'gq_two', { name: 'Two Homes' });
    for (const tenantId of [w.tenant.id, other.id]) {
      await bindMember(w.t.db, {
        tenantId,
        userId: member.id,
        corpId: corpId(),
        extUserId: 'gq_two',
        extName: 'Two Homes',
      });
    }

    expect((await quit(member.token, w.tenant.id)).status).toBe(200);

    expect(await bindingRows(member.id)).toEqual([
      { tenant_id: w.tenant.id, ext_user_id: 'gq_two', active: false },
      { tenant_id: other.id, ext_user_id: 'gq_two', active: true },
    ]);
    expect(await markers(w.tenant.id, 'gq_two')).toHaveLength(1);
    expect(await markers(other.id, 'gq_two')).toEqual([]);
  });
});
