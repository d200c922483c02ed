import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MEMBERSHIP_STATUS,
  auditLog,
  linkRequests,
  memberships,
  syncUnpaired,
  thirdAccounts,
} from '../../src/db/schema';
import { acceptLinkRequest } from '../../src/modules/link-requests/link-requests.service';
import { buildTestApp, type TestApp } from '../build-test-app';
import { uniq, type TestTenant, type TestUser } from '../factories';
import { bindMember } from '../factories/bindings';

/**
 * The owner's side of link requests (PRODUCT.md §7): a tenant's sync asks an account it does not
 * own to be bound to one of its WeCom members; only the account's owner accepts or refuses, and
 * an outsider becomes a pending (审核中) member, never an active one, on acceptance.
 */
let t: TestApp;
let asking: TestTenant;
let home: TestTenant;
beforeAll(async () => {
  t = await buildTestApp();
  asking = await t.factories.tenant();
  home = await t.factories.tenant();
});
afterAll(() => t?.close());

const CORP = 'ww00000000000000e5';

/** A pending request of `asking` for `userId`, as helper A's sync leaves it. */
async function arrangeRequest(userId: number, extUserId = uniq('Wx')): Promise<number> {
  const [row] = await t.db
    .insert(linkRequests)
    .values({
      tenantId: asking.id,
      thirdType: 'wechat_enterprise',
      corpId: CORP,
      extUserId,
      extName: `张 ${extUserId}`,
      extData: { position: 'Engineer' },
      userId,
    })
    .returning({ id: linkRequests.id });
  return row!.id;
}

const requestRow = async (id: number) =>
  (await t.db.select().from(linkRequests).where(eq(linkRequests.id, id)))[0]!;
const membershipIn = async (tenantId: number, userId: number) =>
  (
    await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
  )[0];
const bindingsOf = (tenantId: number, userId: number) =>
  t.db
    .select()
    .from(thirdAccounts)
    .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.userId, userId)));

/** An account of another tenant only: an outsider to `asking`. */
const outsider = (): Promise<TestUser> => t.factories.user(home.id);

const post = (u: TestUser, id: number, what: 'accept' | 'refuse') =>
  t.call('POST', `/sys/user/linkRequests/${id}/${what}`, undefined, { token: u.token });

describe('acceptLinkRequest (the WeCom sign-in link-by-password step)', () => {
  it('answers accepted:false and changes nothing when no request is pending', async () => {
    const u = await outsider();
    const res = await acceptLinkRequest(t.db, {
      tenantId: asking.id,
      thirdType: 'wechat_enterprise',
      corpId: CORP,
      extUserId: 'nobodyAsked',
      userId: u.id,
    });
    expect(res).toEqual({ accepted: false, membershipStatus: 0 });
    expect(await membershipIn(asking.id, u.id)).toBeUndefined();
  });

  it("binds an outsider's account and makes it a pending member, userids case-insensitive", async () => {
    const u = await outsider();
    const ext = uniq('CamelUser');
    const id = await arrangeRequest(u.id, ext);
    await t.db.insert(syncUnpaired).values({
      tenantId: asking.id,
      thirdType: 'wechat_enterprise',
      corpId: CORP,
      extUserId: ext,
      userId: u.id,
    });
    const res = await acceptLinkRequest(t.db, {
      tenantId: asking.id,
      thirdType: 'wechat_enterprise',
      corpId: CORP,
      extUserId: ext.toLowerCase(),
      userId: u.id,
      ip: '203.0.113.9',
    });
    expect(res).toEqual({ accepted: true, membershipStatus: MEMBERSHIP_STATUS.pending });
    expect((await membershipIn(asking.id, u.id))?.status).toBe(MEMBERSHIP_STATUS.pending);
    const [b] = await bindingsOf(asking.id, u.id);
    expect(b).toMatchObject({ extUserId: ext, extName: `张 ${ext}`, active: true });
    expect(b!.extData).toEqual({ position: 'Engineer' });
    const r = await requestRow(id);
    expect(r.status).toBe('accepted');
    expect(r.decidedAt).not.toBeNull();
    const marker = await t.db
      .select()
      .from(syncUnpaired)
      .where(and(eq(syncUnpaired.tenantId, asking.id), eq(syncUnpaired.extUserId, ext)));
    expect(marker).toEqual([]);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, asking.id), eq(auditLog.action, 'link_request.accepted')));
    expect(audit.some((a) => a.targetId === String(u.id) && a.ip === '203.0.113.9')).toBe(true);
  });

  it("another account's password does not accept a request addressed to someone else", async () => {
    const owner = await outsider();
    const other = await outsider();
    const ext = uniq('Wx');
    const id = await arrangeRequest(owner.id, ext);
    const res = await acceptLinkRequest(t.db, {
      tenantId: asking.id,
      thirdType: 'wechat_enterprise',
      corpId: CORP,
      extUserId: ext,
      userId: other.id,
    });
    expect(res.accepted).toBe(false);
    expect((await requestRow(id)).status).toBe('pending');
    expect(await bindingsOf(asking.id, other.id)).toEqual([]);
  });
});

describe('the owner accepts or refuses (/sys/user/linkRequests)', () => {
  it("lists only the caller's own pending requests, with the asking tenant's name", async () => {
    const u = await outsider();
    const other = await outsider();
    const mine = await arrangeRequest(u.id);
    await arrangeRequest(other.id);
    const res = await t.call('GET', '/sys/user/linkRequests', undefined, { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body.result.total).toBe(1);
    expect(res.body.result.records[0]).toMatchObject({
      id: mine,
      tenantId: asking.id,
      tenantName: asking.name,
      thirdType: 'wechat_enterprise',
    });
  });

  it("another user's request id answers 404 on accept and refuse, and stays pending", async () => {
    const owner = await outsider();
    const stranger = await outsider();
    const id = await arrangeRequest(owner.id);
    for (const what of ['accept', 'refuse'] as const) {
      const res = await post(stranger, id, what);
      expect(res.status).toBe(404);
      expect(res.body.errorCode).toBe('link_requests.not_found');
    }
    expect((await requestRow(id)).status).toBe('pending');
    expect(await membershipIn(asking.id, stranger.id)).toBeUndefined();
    expect(await membershipIn(asking.id, owner.id)).toBeUndefined();
  });

  it('accept: an outsider becomes pending (审核中), the binding exists; a second decision is 409', async () => {
    const u = await outsider();
    const id = await arrangeRequest(u.id);
    const res = await post(u, id, 'accept');
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ tenantId: asking.id, membershipStatus: 3 });
    expect(await bindingsOf(asking.id, u.id)).toHaveLength(1);
    for (const what of ['accept', 'refuse'] as const) {
      const again = await post(u, id, what);
      expect(again.status).toBe(409);
      expect(again.body.errorCode).toBe('link_requests.already_decided');
    }
  });

  it('accept keeps an active membership active and reopens a quit one as pending', async () => {
    const shared = await t.factories.user(asking.id);
    const sharedReq = await arrangeRequest(shared.id);
    expect((await post(shared, sharedReq, 'accept')).body.result.membershipStatus).toBe(1);
    expect((await membershipIn(asking.id, shared.id))?.status).toBe(MEMBERSHIP_STATUS.normal);

    const quitter = await t.factories.user(asking.id);
    await t.db
      .update(memberships)
      .set({ status: MEMBERSHIP_STATUS.quit })
      .where(and(eq(memberships.tenantId, asking.id), eq(memberships.userId, quitter.id)));
    const quitReq = await arrangeRequest(quitter.id);
    expect((await post(quitter, quitReq, 'accept')).body.result.membershipStatus).toBe(3);
    expect((await membershipIn(asking.id, quitter.id))?.status).toBe(MEMBERSHIP_STATUS.pending);
  });

  it('refuse binds nothing and creates no membership', async () => {
    const u = await outsider();
    const id = await arrangeRequest(u.id);
    const res = await post(u, id, 'refuse');
    expect(res.status).toBe(200);
    expect(res.body.result).toBeNull();
    expect((await requestRow(id)).status).toBe('refused');
    expect(await membershipIn(asking.id, u.id)).toBeUndefined();
    expect(await bindingsOf(asking.id, u.id)).toEqual([]);
    const list = await t.call('GET', '/sys/user/linkRequests', undefined, { token: u.token });
    expect(list.body.result.total).toBe(0);
  });

  it('a member bound to someone else meanwhile: 409 already_bound, nothing changed', async () => {
    const u = await outsider();
    const ext = uniq('Taken');
    const id = await arrangeRequest(u.id, ext);
    const holder = await t.factories.user(asking.id);
    await bindMember(t.db, {
      tenantId: asking.id,
      userId: holder.id,
      corpId: CORP,
      extUserId: ext,
    });
    const res = await post(u, id, 'accept');
    expect(res.status).toBe(409);
    expect(res.body.errorCode).toBe('link_requests.already_bound');
    expect((await requestRow(id)).status).toBe('pending');
    expect(await membershipIn(asking.id, u.id)).toBeUndefined();
  });

  it('an account bound to another member meanwhile: 409 already_bound', async () => {
    const u = await t.factories.user(asking.id);
    const id = await arrangeRequest(u.id);
    await bindMember(t.db, {
      tenantId: asking.id,
      userId: u.id,
      corpId: CORP,
      extUserId: uniq('O'),
    });
    const res = await acceptLinkRequest(t.db, {
      tenantId: asking.id,
      thirdType: 'wechat_enterprise',
      corpId: CORP,
      extUserId: (await requestRow(id)).extUserId,
      userId: u.id,
    }).catch((e: { code?: string }) => e.code);
    expect(res).toBe('link_requests.already_bound');
    expect((await requestRow(id)).status).toBe('pending');
  });
});
