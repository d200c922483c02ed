import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apply, fullSync, preview } from '../../src/modules/directory-sync/sync.test-harness';
import { weComSignIn } from '../factories/wecom-login';
import {
  useAttackWorld,
  accountRow,
  bindingsOf,
  idsIn,
  pairOf,
  platformAdmin,
  q,
  strangerIn,
  weComMember,
  type Account,
} from './sync-harness';

/**
 * Finding 1: a tenant admin paired the platform administrator (an active admin member of every
 * tenant it creates) with a WeCom member they control, applied, signed in with WeCom as that member
 * and got a platform-admin session; the sync also renamed the platform admin. Platform
 * administrators are never proposed, matched, pickable, bound or renamed by any sync (§7).
 */
const w = useAttackWorld({ seed: 41, users: 6, departments: 2 });
let pa: Account;
beforeAll(async () => {
  pa = await platformAdmin(w);
});

describe('sync never takes a platform administrator', () => {
  it('refuses to pair the platform admin by hand (400 sync.pair_not_allowed), writes nothing, and WeCom sign-in as that member is no platform-admin session', async () => {
    const member = weComMember(w, 'pa_by_hand', { name: '手动配对' });
    const plan = await preview(w);
    expect(pairOf(plan, member.userid)).toBeDefined();
    const before = await accountRow(w, pa.id);
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/apply',
      { planId: plan.planId, pairs: [{ wechatUserId: member.userid, userId: pa.id }], exclude: [] },
      { token: w.admin.token },
    );
    expect(res.status, res.body.message).toBe(400);
    expect(res.body.errorCode).toBe('sync.pair_not_allowed');
    expect(await bindingsOf(w, pa.id)).toEqual([]);
    expect(await accountRow(w, pa.id)).toEqual(before);
    // The refused apply left the plan usable: applying it as proposed creates the member's own account.
    const run = await apply(w, plan.planId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(await bindingsOf(w, pa.id)).toEqual([]);
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid: member.userid });
    expect(fragment.ticket, JSON.stringify(fragment)).toBeTruthy();
    const session = await w.t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
    expect(session.status, session.body.message).toBe(200);
    expect(session.body.result.userInfo.id).not.toBe(pa.id);
    expect(session.body.result.userInfo.isPlatformAdmin).toBe(false);
  });

  it('never proposes the platform admin by name, mobile or e-mail, nor lists it as unmatched, and never renames it', async () => {
    const phone = '13900001234';
    const email = `pa-${w.tenant.houseNumber.toLowerCase()}@example.com`;
    await w.t.db.execute(
      sql`update users set phone = ${phone}, email = ${email}, realname = '平台管理员' where id = ${pa.id}`,
    );
    weComMember(w, 'pa_by_name', { name: '平台管理员' });
    weComMember(w, 'pa_by_mobile', { name: 'Mobile Twin', mobile: phone });
    weComMember(w, 'pa_by_email', { name: 'Email Twin', email });
    const plan = await preview(w);
    expect(idsIn(plan).has(pa.id)).toBe(false);
    for (const id of ['pa_by_name', 'pa_by_mobile', 'pa_by_email'])
      expect(pairOf(plan, id)).toMatchObject({ userId: null, username: null, realname: null });
    const run = await apply(w, plan.planId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    expect(await bindingsOf(w, pa.id)).toEqual([]);
    expect(await accountRow(w, pa.id)).toMatchObject({ realname: '平台管理员' });
    // No request to the platform admin either: nobody may ask a tenant to take it.
    expect(await q(w, sql`select id from link_requests where user_id = ${pa.id}`)).toEqual([]);
  });

  it('never matches a platform administrator of another tenant by generated username', async () => {
    const other = await w.t.factories.tenant();
    const userid = 'pa_by_username';
    const second = await strangerIn(w, other);
    // There is no API that makes a platform administrator, and none that hands out a username in
    // another tenant's house-number namespace any more (users.username_reserved): arranged
    // directly, as data from before that rule could be.
    await w.t.db.execute(
      sql`update users set is_platform_admin = true, username = ${w.tenant.houseNumber + userid} where id = ${second.id}`,
    );
    weComMember(w, userid, { name: 'Username Twin' });
    const plan = await preview(w);
    expect(idsIn(plan).has(second.id)).toBe(false);
    expect(pairOf(plan, userid)).toMatchObject({ userId: null, username: null, realname: null });
    expect(JSON.stringify(plan)).not.toContain(second.realname);
    await fullSync(w);
    expect(await bindingsOf(w, second.id)).toEqual([]);
    expect(await q(w, sql`select id from link_requests where user_id = ${second.id}`)).toEqual([]);
    expect(
      await q(
        w,
        sql`select tenant_id from memberships where user_id = ${second.id} and tenant_id = ${w.tenant.id}`,
      ),
    ).toEqual([]);
  });
});
