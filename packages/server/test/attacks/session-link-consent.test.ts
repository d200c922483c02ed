import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { linkRequests, memberships, thirdAccounts } from '../../src/db/schema';
import { DEFAULT_PASSWORD, type TestUser } from '../factories';
import { weComSignIn } from '../factories/wecom-login';
import { useLoginWorld } from './session-harness';

/**
 * Consent at the link-by-password step (PRODUCT.md §7): when the tenant asked an account it does
 * not own to be linked to a WeCom member (a pending link request), that member proving the
 * account's password at WeCom sign-in is the owner accepting the request — the binding follows,
 * and for an outsider the membership is created pending (审核中), not active.
 */
const w = useLoginWorld({ seed: 47, users: 8, departments: 2 }, 'link');

/** What the tenant's sync would leave for an account it does not own. */
async function requestLink(userId: number, extUserId: string): Promise<number> {
  const [row] = await w.t.db
    .insert(linkRequests)
    .values({
      tenantId: w.tenant.id,
      thirdType: 'wechat_enterprise',
      corpId: w.sim.credentials.corpId,
      extUserId,
      extName: extUserId,
      userId,
      requestedBy: w.admin.id,
    })
    .returning({ id: linkRequests.id });
  return row!.id;
}

async function linkByPassword(userid: string, who: TestUser) {
  const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
  expect(fragment.link, JSON.stringify(fragment)).toBeDefined();
  return w.t.call('POST', '/sys/thirdLogin/link', {
    linkToken: fragment.link,
    username: who.username,
    password: DEFAULT_PASSWORD,
  });
}

async function state(requestId: number, userId: number) {
  const [request] = await w.t.db
    .select({ status: linkRequests.status })
    .from(linkRequests)
    .where(eq(linkRequests.id, requestId));
  const [membership] = await w.t.db
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.tenantId, w.tenant.id), eq(memberships.userId, userId)));
  const bindings = await w.t.db
    .select({ extUserId: thirdAccounts.extUserId })
    .from(thirdAccounts)
    .where(and(eq(thirdAccounts.tenantId, w.tenant.id), eq(thirdAccounts.userId, userId)));
  return {
    request: request!.status,
    membership: membership?.status ?? null,
    bound: bindings.map((b) => b.extUserId),
  };
}

describe('link-by-password accepts the tenant’s pending link request', () => {
  it('an outsider: accepted, bound, membership pending (审核中), no session yet', async () => {
    const outsider = await w.t.factories.user((await w.t.factories.tenant()).id);
    const userid = w.freshUserid();
    const requestId = await requestLink(outsider.id, userid);
    const res = await linkByPassword(userid, outsider);
    expect(res.status, res.body.message).toBe(403);
    expect(res.body.errorCode).toBe('third_login.linked_pending');
    expect(res.body.result ?? null).toBeNull();
    expect(await state(requestId, outsider.id)).toEqual({
      request: 'accepted',
      membership: 3,
      bound: [userid],
    });
  });

  it('a shared account: accepted and bound, and the session is scoped to this tenant', async () => {
    const home = await w.t.factories.tenant();
    const shared = await w.t.factories.user(home.id);
    await w.t.db
      .insert(memberships)
      .values({ tenantId: w.tenant.id, userId: shared.id, status: 1, role: 'member' });
    const userid = w.freshUserid();
    const requestId = await requestLink(shared.id, userid);
    const res = await linkByPassword(userid, shared);
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.result.userInfo.scopeTenantId).toBe(w.tenant.id);
    expect(res.body.result.tenantList.map((x: { id: number }) => x.id)).toEqual([w.tenant.id]);
    expect(await state(requestId, shared.id)).toEqual({
      request: 'accepted',
      membership: 1,
      bound: [userid],
    });
  });

  it('an outsider with no request from this tenant is still refused', async () => {
    const outsider = await w.t.factories.user((await w.t.factories.tenant()).id);
    const res = await linkByPassword(w.freshUserid(), outsider);
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('third_login.link_not_member');
  });
});
