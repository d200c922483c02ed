import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, memberships, syncUnpaired, thirdAccounts } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { uniq, type TestTenant, type TestUser } from '../factories';
import { bindMember } from '../factories/bindings';

/**
 * Issue 18 (deliver 4, 5): batch approve / refuse, freeze and 移出. Each item goes through the
 * single action's service function — its policy check, its own transaction — and answers its own
 * outcome; an id of another tenant is refused as that item and never touched.
 */
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let other: TestTenant;
beforeAll(async () => {
  t = await buildTestApp();
  tenant = await t.factories.tenant();
  admin = await t.factories.user(tenant.id, { role: 'admin' });
  other = await t.factories.tenant();
});
afterAll(() => t?.close());

const asAdmin = () => ({ token: admin.token, tenantId: tenant.id });

/** A member of `of` (a fresh account) asking to join `target`: pending (审核中) there. */
async function pendingIn(target: TestTenant): Promise<TestUser> {
  const home = await t.factories.tenant();
  const u = await t.factories.user(home.id);
  const res = await t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: target.houseNumber },
    {
      token: u.token,
    },
  );
  expect(res.status).toBe(200);
  return u;
}

async function statusIn(tenantId: number, userId: number) {
  const [m] = await t.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return m ? { status: m.status, frozen: m.frozen } : null;
}

describe('batch review of pending members', () => {
  it('approves each pending member, reports the others item by item, writes one audit entry each', async () => {
    const p1 = await pendingIn(tenant);
    const p2 = await pendingIn(tenant);
    const active = await t.factories.user(tenant.id);
    const res = await t.call(
      'POST',
      '/sys/tenant/members/batch',
      { action: 'approve', userIds: [p1.id, active.id, p2.id] },
      asAdmin(),
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({
      done: 2,
      failed: 1,
      items: [
        { id: p1.id, ok: true, errorCode: null, message: null },
        {
          id: active.id,
          ok: false,
          errorCode: 'members.not_pending',
          message: expect.stringContaining('not waiting'),
        },
        { id: p2.id, ok: true, errorCode: null, message: null },
      ],
    });
    expect((await statusIn(tenant.id, p1.id))?.status).toBe(1);
    expect((await statusIn(tenant.id, p2.id))?.status).toBe(1);
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, 'member.approve')));
    expect(entries.map((e) => Number(e.targetId)).sort()).toEqual([p1.id, p2.id].sort());
  });

  it('refuses each pending member (3 → 4)', async () => {
    const p = await pendingIn(tenant);
    const res = await t.call(
      'POST',
      '/sys/tenant/members/batch',
      { action: 'refuse', userIds: [p.id] },
      asAdmin(),
    );
    expect(res.body.result.done).toBe(1);
    expect((await statusIn(tenant.id, p.id))?.status).toBe(4);
  });

  it("attack: a batch naming another tenant's pending member refuses that item and leaves it pending", async () => {
    const mine = await pendingIn(tenant);
    const theirs = await pendingIn(other);
    const res = await t.call(
      'POST',
      '/sys/tenant/members/batch',
      { action: 'approve', userIds: [theirs.id, mine.id] },
      asAdmin(),
    );
    expect(res.body.result.items).toEqual([
      expect.objectContaining({ id: theirs.id, ok: false, errorCode: 'members.not_found' }),
      expect.objectContaining({ id: mine.id, ok: true }),
    ]);
    expect(await statusIn(other.id, theirs.id)).toEqual({ status: 3, frozen: false });
    expect(await statusIn(tenant.id, theirs.id)).toBeNull();
  });

  it('a plain member of the tenant is refused (403) and nothing changes', async () => {
    const p = await pendingIn(tenant);
    const member = await t.factories.user(tenant.id);
    const res = await t.call(
      'POST',
      '/sys/tenant/members/batch',
      { action: 'approve', userIds: [p.id] },
      { token: member.token, tenantId: tenant.id },
    );
    expect(res.status).toBe(403);
    expect((await statusIn(tenant.id, p.id))?.status).toBe(3);
  });
});

describe('batch bodies are checked before anything is done (400)', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const cases: Array<[string, string, unknown]> = [
    ['no ids', '/sys/tenant/members/batch', { action: 'approve', userIds: [] }],
    ['201 ids', '/sys/tenant/members/batch', { action: 'approve', userIds: ids(201) }],
    ['a duplicate id', '/sys/tenant/members/batch', { action: 'approve', userIds: [5, 5] }],
    ['an unknown action', '/sys/tenant/members/batch', { action: 'delete', userIds: [5] }],
    ['no body fields', '/sys/user/batchFreeze', {}],
    ['a duplicate id', '/sys/user/batchFreeze', { userIds: [7, 8, 7], frozen: true }],
    ['201 ids', '/sys/user/batchFreeze', { userIds: ids(201), frozen: true }],
    ['no ids', '/sys/thirdApp/bindings/batchRemove', { userIds: [] }],
    ['a string id', '/sys/thirdApp/bindings/batchRemove', { userIds: ['x'] }],
    ['an unknown field', '/sys/thirdApp/bindings/batchRemove', { userIds: [1], all: true }],
  ];
  it.each(cases)('%s → 400 with a message (%s)', async (_what, url, body) => {
    const res = await t.call('POST', url, body, asAdmin());
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(res.body.message).toMatch(/\S/);
  });

  it('200 ids are accepted (each refused as not found, none written)', async () => {
    const res = await t.call(
      'POST',
      '/sys/user/batchFreeze',
      { userIds: ids(200).map((i) => 2_000_000_000 + i), frozen: true },
      asAdmin(),
    );
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ done: 0, failed: 200 });
  });
});

describe('batch freeze', () => {
  it('freezes each member, refuses yourself and a foreign user as items', async () => {
    const a = await t.factories.user(tenant.id);
    const b = await t.factories.user(tenant.id);
    const foreign = await t.factories.user(other.id);
    const res = await t.call(
      'POST',
      '/sys/user/batchFreeze',
      { userIds: [a.id, admin.id, foreign.id, b.id], frozen: true },
      asAdmin(),
    );
    expect(res.status).toBe(200);
    expect(
      res.body.result.items.map((i: { ok: boolean; errorCode: string | null }) => [
        i.ok,
        i.errorCode,
      ]),
    ).toEqual([
      [true, null],
      [false, 'users.cannot_freeze_self'],
      [false, 'users.not_found'],
      [true, null],
    ]);
    expect((await statusIn(tenant.id, a.id))?.frozen).toBe(true);
    expect((await statusIn(tenant.id, b.id))?.frozen).toBe(true);
    expect((await statusIn(tenant.id, admin.id))?.frozen).toBe(false);
    expect((await statusIn(other.id, foreign.id))?.frozen).toBe(false);
    const back = await t.call(
      'POST',
      '/sys/user/batchFreeze',
      { userIds: [a.id, b.id], frozen: false },
      asAdmin(),
    );
    expect(back.body.result.done).toBe(2);
    expect((await statusIn(tenant.id, a.id))?.frozen).toBe(false);
  });
});

describe('batch 移出', () => {
  it('unbinds each member with the "removed by an admin" marker; a member without binding is an item refusal', async () => {
    const a = await t.factories.user(tenant.id);
    const b = await t.factories.user(tenant.id);
    const unbound = await t.factories.user(tenant.id);
    const corpId = 'ww00000000000018b1';
    const ext = [uniq('BatchA').replace(/\W/g, ''), uniq('BatchB').replace(/\W/g, '')];
    await bindMember(t.db, { tenantId: tenant.id, userId: a.id, corpId, extUserId: ext[0]! });
    await bindMember(t.db, { tenantId: tenant.id, userId: b.id, corpId, extUserId: ext[1]! });
    const res = await t.call(
      'POST',
      '/sys/thirdApp/bindings/batchRemove',
      { userIds: [a.id, unbound.id, b.id] },
      asAdmin(),
    );
    expect(res.body.result).toMatchObject({ done: 2, failed: 1 });
    expect(res.body.result.items[1]).toMatchObject({ ok: false, errorCode: 'bindings.not_found' });
    const left = await t.db
      .select()
      .from(thirdAccounts)
      .where(eq(thirdAccounts.tenantId, tenant.id));
    expect(left.filter((r) => r.userId === a.id || r.userId === b.id)).toEqual([]);
    const markers = await t.db
      .select()
      .from(syncUnpaired)
      .where(and(eq(syncUnpaired.tenantId, tenant.id), eq(syncUnpaired.corpId, corpId)));
    expect(markers.map((m) => m.extUserId).sort()).toEqual([...ext].sort());
    expect(markers.every((m) => m.createdBy === admin.id)).toBe(true);
  });

  it("attack: another tenant's bound member is refused as an item and stays bound", async () => {
    const theirs = await t.factories.user(other.id);
    const id = await bindMember(t.db, {
      tenantId: other.id,
      userId: theirs.id,
      corpId: 'ww00000000000018b2',
      extUserId: 'TheirsBound',
    });
    const res = await t.call(
      'POST',
      '/sys/thirdApp/bindings/batchRemove',
      { userIds: [theirs.id] },
      asAdmin(),
    );
    expect(res.body.result.items).toEqual([
      expect.objectContaining({ id: theirs.id, ok: false, errorCode: 'bindings.not_found' }),
    ]);
    const [still] = await t.db.select().from(thirdAccounts).where(eq(thirdAccounts.id, id));
    expect(still?.tenantId).toBe(other.id);
    const markers = await t.db
      .select()
      .from(syncUnpaired)
      .where(eq(syncUnpaired.userId, theirs.id));
    expect(markers).toEqual([]);
  });
});
