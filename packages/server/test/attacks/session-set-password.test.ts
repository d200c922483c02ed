import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships, users } from '../../src/db/schema';
import { rowsOf } from '../../src/lib/sql';
import { uniq } from '../factories';
import { bindMember } from '../factories/bindings';
import { weComSignIn } from '../factories/wecom-login';
import { useLoginWorld } from './session-harness';

/**
 * WeCom-only members may set a password after a WeCom sign-in (PRODUCT.md §7, initial passwords),
 * once. Setting one turns a tenant's vouching into a credential for every tenant, so it is the
 * tenant resetting a password: allowed only on the tenant's own accounts (§7, the tenant's own).
 */
const w = useLoginWorld({ seed: 43, users: 10, departments: 2 });

async function signInWithWeCom(userid: string) {
  const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
  expect(fragment.ticket, JSON.stringify(fragment)).toBeDefined();
  const res = await w.t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
  expect(res.status, res.body.message).toBe(200);
  return res.body.result;
}

const setPassword = (token: string, newPassword: string) =>
  w.t.call('POST', '/sys/user/setPassword', { newPassword }, { token });

describe('POST /sys/user/setPassword', () => {
  it('works once for a WeCom-only account after WeCom sign-in', async () => {
    await w.setPolicy('create');
    let session;
    try {
      session = await signInWithWeCom(w.freshUserid());
    } finally {
      await w.setPolicy('refuse');
    }
    expect(session.userInfo.hasPassword).toBe(false);
    expect((await setPassword(session.token, 'short')).status).toBe(400);

    const ok = await setPassword(session.token, 'my-first-pass-1');
    expect(ok.status, ok.body.message).toBe(200);
    const me = await w.t.call('GET', '/sys/user/me', undefined, { token: session.token });
    expect(me.status).toBe(200);
    expect(me.body.result.userInfo.hasPassword).toBe(true);

    const pw = await w.t.call('POST', '/sys/login', {
      username: session.userInfo.username,
      password: 'my-first-pass-1',
    });
    expect(pw.status, pw.body.message).toBe(200);
    expect(pw.body.result.userInfo).toMatchObject({ hasPassword: true, scopeTenantId: null });

    const again = await setPassword(session.token, 'my-second-pass-2');
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe('auth.password_already_set');
    const withPassword = await setPassword(pw.body.result.token, 'my-second-pass-2');
    expect(withPassword.status).toBe(409);
    // The first password still holds.
    expect(
      (
        await w.t.call('POST', '/sys/login', {
          username: session.userInfo.username,
          password: 'my-first-pass-1',
        })
      ).status,
    ).toBe(200);

    const audit = rowsOf<{ action: string }>(
      await w.t.db.execute(
        sql`select action from audit_log where actor_user_id = ${session.userInfo.id}`,
      ),
    );
    expect(audit.filter((r) => r.action === 'auth.set_password')).toHaveLength(1);
  });

  it('is refused for an account with a password (use changePassword)', async () => {
    const user = await w.t.factories.user(w.tenant.id);
    const res = await setPassword(user.token, 'another-pass-1');
    expect(res.status).toBe(409);
    expect(res.body.errorCode).toBe('auth.password_already_set');
    expect(res.body.message).toContain('changePassword');
  });

  it('is refused when the vouching tenant does not own the account (shared with another tenant)', async () => {
    // A WeCom-only account of another tenant that also became an active member here, and that
    // this tenant bound to one of its WeCom members.
    const home = await w.t.factories.tenant();
    const [row] = await w.t.db
      .insert(users)
      .values({ username: uniq('wecomonly'), realname: 'Shared' })
      .returning({ id: users.id });
    await w.t.db.insert(memberships).values([
      { tenantId: home.id, userId: row!.id, status: 1 },
      { tenantId: w.tenant.id, userId: row!.id, status: 1 },
    ]);
    const userid = w.freshUserid();
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: row!.id,
      corpId: w.sim.credentials.corpId,
      extUserId: userid,
    });
    const session = await signInWithWeCom(userid);
    const res = await setPassword(session.token, 'taken-over-1');
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('policy.not_own_account');
    const [after] = await w.t.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, row!.id));
    expect(after!.passwordHash).toBeNull();
  });
});
