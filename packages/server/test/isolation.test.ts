import type { RouteOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { linkRequests, messages, syncRuns, verifyFiles } from '../src/db/schema';
import type { Access } from '../src/lib/route';
import { buildTestApp, type ApiResponse } from './build-test-app';
import { DEFAULT_PASSWORD, uniq, type TestUser } from './factories';
import { bindMember } from './factories/bindings';

/**
 * Tenant isolation: every `/sys` route must appear below, either with isolation cases or with
 * an explicit exemption. A route added later fails this suite until it gets a one-line entry.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Fixture {
  a: {
    id: number;
    admin: TestUser;
    member: TestUser;
    user: TestUser;
    pendingUserId: number;
    dept: { id: number };
    leafDept: { id: number };
    /** A message in A's log (arranged directly: A has no WeCom config in this suite). */
    messageId: number;
    /** A WeCom binding of one of A's members (arranged directly, as sync would leave it). */
    bindingId: number;
    /** The member that binding belongs to. */
    boundUserId: number;
    /** A pending link request of A (arranged directly, as A's sync would leave it). */
    linkRequestId: number;
    syncRunId: number;
    /** A domain verification file A serves (arranged directly). */
    verifyFile: string;
    /** An API key of A (created by A's admin through the API). */
    apiKeyId: number;
  };
  b: { id: number; admin: TestUser; member: TestUser; dept: { id: number } };
}
interface Req {
  url: string;
  body?: unknown;
}
interface ForeignCase {
  /** Tenant B's admin, in tenant B, aims at tenant A's ids. */
  req: (f: Fixture) => Req;
  check: (res: ApiResponse, f: Fixture) => void;
}
type Entry = { exempt: string } | { foreign: ForeignCase[] };

const notFound = (res: ApiResponse) => {
  expect(res.status).toBe(404);
  expect(res.body.success).toBe(false);
};
const refused = (res: ApiResponse) => {
  expect([400, 404]).toContain(res.status);
  expect(res.body.success).toBe(false);
};

/** A batch naming only A's ids: every item refused as not found, nothing applied. */
const batchRefusedAll = (code: string) => (res: ApiResponse) => {
  expect(res.status).toBe(200);
  expect(res.body.result.done).toBe(0);
  for (const item of res.body.result.items as { ok: boolean; errorCode: string }[])
    expect(item).toMatchObject({ ok: false, errorCode: code });
};
/** A CSV export: the header line only. */
const headerOnly = (res: ApiResponse) => {
  expect(res.status).toBe(200);
  expect(res.body.raw?.trim().split('\r\n')).toHaveLength(1);
};

const ENTRIES: Record<string, Entry> = {
  // Issue 18 admin tools: batches of A's ids are refused item by item; exports hold none of A.
  'POST /sys/tenant/members/batch': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/tenant/members/batch',
          body: { action: 'approve', userIds: [f.a.pendingUserId, f.a.user.id] },
        }),
        check: batchRefusedAll('members.not_found'),
      },
    ],
  },
  'POST /sys/user/batchFreeze': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/user/batchFreeze',
          body: { userIds: [f.a.user.id, f.a.admin.id], frozen: true },
        }),
        check: batchRefusedAll('users.not_found'),
      },
    ],
  },
  'POST /sys/thirdApp/bindings/batchRemove': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/thirdApp/bindings/batchRemove',
          body: { userIds: [f.a.boundUserId] },
        }),
        check: batchRefusedAll('bindings.not_found'),
      },
    ],
  },
  'GET /sys/user/export': {
    foreign: [
      { req: (f) => ({ url: `/sys/user/export?keyword=${f.a.user.username}` }), check: headerOnly },
      { req: (f) => ({ url: `/sys/user/export?departmentId=${f.a.dept.id}` }), check: headerOnly },
    ],
  },
  'GET /sys/thirdApp/bindings/export': {
    foreign: [
      { req: () => ({ url: '/sys/thirdApp/bindings/export?keyword=isoBound' }), check: headerOnly },
    ],
  },
  'GET /sys/thirdApp/messages/export': {
    foreign: [
      // B has sent nothing; A's message must not appear.
      { req: () => ({ url: '/sys/thirdApp/messages/export' }), check: headerOnly },
    ],
  },
  'GET /sys/thirdApp/sync/runs/:id/items/export': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}/items/export` }),
        check: notFound,
      },
    ],
  },
  'POST /sys/login': { exempt: 'public sign-in' },
  'POST /sys/logout': { exempt: 'acts on the caller session only' },
  'GET /sys/user/me': { exempt: "the caller's own account" },
  'POST /sys/user/changePassword': { exempt: "the caller's own password" },
  'POST /sys/user/setPassword': { exempt: "the caller's own first password" },
  'POST /sys/tenant/add': { exempt: 'platform admin only, creates a new tenant' },
  'GET /sys/tenant/list': { exempt: 'platform admin only' },
  'POST /sys/tenant/join': { exempt: 'creates a pending request; approval is tenant-scoped' },
  // Config routes address the current tenant's single config; no id to aim at another tenant.
  // The server's connector list: the same for every tenant, no tenant data, no id to aim with.
  'GET /sys/thirdApp/connectors': { foreign: [] },
  'GET /sys/thirdApp/config': { foreign: [] },
  'POST /sys/thirdApp/config': { foreign: [] },
  'PUT /sys/thirdApp/config': { foreign: [] },
  'DELETE /sys/thirdApp/config': { foreign: [] },
  'POST /sys/thirdApp/config/test': { foreign: [] },
  // Directory sync: plans and runs are addressed by id; B's admin sees none of A's.
  'POST /sys/thirdApp/sync/preview': { foreign: [] },
  'POST /sys/thirdApp/sync/run': { foreign: [] },
  'POST /sys/thirdApp/sync/apply': {
    foreign: [
      {
        req: () => ({
          url: '/sys/thirdApp/sync/apply',
          body: { planId: '00000000-0000-0000-0000-000000000000', pairs: [], exclude: [] },
        }),
        check: notFound,
      },
    ],
  },
  'GET /sys/thirdApp/sync/runs': {
    foreign: [
      {
        req: () => ({ url: '/sys/thirdApp/sync/runs?pageSize=100' }),
        check: (r, f) =>
          expect(r.body.result.records.map((x: { id: number }) => x.id)).not.toContain(
            f.a.syncRunId,
          ),
      },
    ],
  },
  'GET /sys/thirdApp/sync/runs/:id': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}` }), check: notFound },
    ],
  },
  'GET /sys/thirdApp/sync/runs/:id/items': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}/items` }), check: notFound },
    ],
  },
  'GET /sys/thirdApp/sync/runs/:id/events': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}/events` }), check: notFound },
    ],
  },
  'POST /sys/thirdApp/sync/runs/:id/confirm': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}/confirm` }),
        check: notFound,
      },
    ],
  },
  'POST /sys/thirdApp/sync/runs/:id/cancel': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}/cancel` }),
        check: notFound,
      },
    ],
  },
  'GET /sys/audit': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/audit?tenantId=${f.a.id}` }),
        check: (r) => expect(r.status).toBe(403),
      },
      {
        req: (f) => ({ url: `/sys/audit?pageSize=100&actorId=${f.a.admin.id}` }),
        check: (r) => expect(r.body.result).toEqual({ records: [], total: 0 }),
      },
    ],
  },
  'GET /sys/audit/export': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/audit/export?tenantId=${f.a.id}` }),
        check: (r) => expect(r.status).toBe(403),
      },
      {
        req: (f) => ({ url: `/sys/audit/export?actorId=${f.a.admin.id}` }),
        // The header line only.
        check: (r) => expect(r.body.raw?.trim().split('\r\n')).toHaveLength(1),
      },
    ],
  },
  // The summary counts the current tenant only; home.test.ts shows B's admin sees none of A's.
  'GET /sys/home/summary': { foreign: [] },
  'GET /sys/audit/actions': { exempt: 'the catalogue of action names, the same for everyone' },
  'POST /sys/thirdApp/sync/runs/:id/passwords': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/thirdApp/sync/runs/${f.a.syncRunId}/passwords` }),
        check: notFound,
      },
    ],
  },
  // WeCom sign-in: browser redirects and ticket exchanges carry their tenant in a stored,
  // single-use state or ticket, never in a header a caller could aim elsewhere.
  'GET /sys/thirdLogin/oauth2/:thirdType/login': {
    exempt: 'public redirect to the provider; the tenant is only the one whose sign-in starts',
  },
  'GET /sys/thirdLogin/oauth2/:thirdType/callback': {
    exempt: 'public provider redirect_uri; the tenant comes from the stored, browser-bound state',
  },
  'POST /sys/thirdLogin/exchange': {
    exempt: 'public; the one-time ticket names tenant and account',
  },
  'POST /sys/thirdLogin/link': {
    exempt: 'public; the link token names the tenant, the password proves a member of it',
  },
  'GET /sys/thirdLogin/tenant/:tenantId': {
    exempt: 'public; only whether WeCom sign-in is on (and then the tenant name), no tenant data',
  },
  // Provider contact callbacks: the tenant comes from the path, but a request only counts when it
  // is signed and encrypted with that tenant's values (WeCom: its Token, for its CorpID); another
  // tenant's values get 403 and store nothing (src/modules/callbacks/callbacks.test.ts, "tenant
  // A's Token…").
  'GET /sys/thirdApp/callback/:thirdType/:tenantId': {
    exempt:
      "public URL verification; answers only to the path tenant's own callback secrets (WeCom Token and AES key)",
  },
  'POST /sys/thirdApp/callback/:thirdType/:tenantId': {
    exempt: "public event delivery; stores only what the path tenant's own callback secrets signed",
  },
  // The caller's own binding in the current tenant: B's admin sees none of A's and unbinds nothing.
  'GET /sys/user/wecomBinding': {
    foreign: [
      {
        req: () => ({ url: '/sys/user/wecomBinding' }),
        check: (res) => {
          expect(res.status).toBe(200);
          expect(res.body.result).toBeNull();
        },
      },
    ],
  },
  'DELETE /sys/user/wecomBinding': {
    foreign: [{ req: () => ({ url: '/sys/user/wecomBinding' }), check: notFound }],
  },
  // Bindings: B's admin neither sees A's bound members nor unbinds them by id.
  'GET /sys/thirdApp/bindings': {
    foreign: [
      {
        req: () => ({ url: '/sys/thirdApp/bindings?keyword=isoBound&pageSize=100' }),
        check: (r) => expect(r.body.result).toEqual({ records: [], total: 0 }),
      },
    ],
  },
  // Creates a key of the current tenant; no tenant or id is sent (the header cases apply).
  'POST /sys/apiKeys': { foreign: [] },
  'GET /sys/apiKeys': {
    foreign: [
      {
        req: () => ({ url: '/sys/apiKeys?pageSize=100' }),
        check: (r, f) =>
          expect(r.body.result.records.map((k: { id: number }) => k.id)).not.toContain(
            f.a.apiKeyId,
          ),
      },
    ],
  },
  'DELETE /sys/apiKeys/:id': {
    foreign: [{ req: (f) => ({ url: `/sys/apiKeys/${f.a.apiKeyId}` }), check: notFound }],
  },
  'DELETE /sys/thirdApp/bindings/:id': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/bindings/${f.a.bindingId}` }), check: notFound },
    ],
  },
  'DELETE /sys/thirdApp/linkRequests/:id': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/thirdApp/linkRequests/${f.a.linkRequestId}` }),
        check: notFound,
      },
    ],
  },
  // Messages: B sending to A's usernames or departments reaches nobody; A's log ids answer 404.
  'POST /sys/thirdApp/sendMessageTest': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/thirdApp/sendMessageTest',
          body: { app: 'WECHAT_ENTERPRISE', receiver: f.a.user.username, content: 'x' },
        }),
        check: refused,
      },
    ],
  },
  'POST /sys/thirdApp/messages': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/thirdApp/messages',
          body: {
            msgtype: 'text',
            content: 'x',
            toUsers: [f.a.user.username],
            toDepartments: [f.a.dept.id],
          },
        }),
        check: refused,
      },
    ],
  },
  'GET /sys/thirdApp/messages': {
    foreign: [
      {
        req: () => ({ url: '/sys/thirdApp/messages?pageSize=100' }),
        check: (r, f) =>
          expect(r.body.result.records.map((m: { id: number }) => m.id)).not.toContain(
            f.a.messageId,
          ),
      },
    ],
  },
  'GET /sys/thirdApp/messages/audience': {
    foreign: [
      {
        // B's own count only (B has no WeCom config here): A's members are never counted.
        req: () => ({ url: '/sys/thirdApp/messages/audience' }),
        check: (r) => {
          refused(r);
          expect(JSON.stringify(r.body)).not.toContain('boundActive');
        },
      },
    ],
  },
  'GET /sys/thirdApp/messages/:id': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/messages/${f.a.messageId}` }), check: notFound },
    ],
  },
  'POST /sys/thirdApp/messages/:id/recall': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/messages/${f.a.messageId}/recall` }), check: notFound },
    ],
  },
  'POST /sys/tenant/switch': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/tenant/switch', body: { tenantId: f.a.id } }),
        check: (r) => expect(r.status).toBe(403),
      },
    ],
  },
  'GET /sys/tenant/current': {
    foreign: [
      {
        req: () => ({ url: '/sys/tenant/current' }),
        check: (r, f) => expect(r.body.result.id).toBe(f.b.id),
      },
    ],
  },
  'POST /sys/tenant/quit': { foreign: [] },
  'GET /sys/tenant/members': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/tenant/members?keyword=${f.a.user.username}` }),
        check: (r) => expect(r.body.result).toEqual({ records: [], total: 0 }),
      },
    ],
  },
  'POST /sys/tenant/members/approve': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/tenant/members/approve', body: { userId: f.a.pendingUserId } }),
        check: notFound,
      },
    ],
  },
  'POST /sys/tenant/members/refuse': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/tenant/members/refuse', body: { userId: f.a.pendingUserId } }),
        check: notFound,
      },
    ],
  },
  'POST /sys/tenant/members/role': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/tenant/members/role',
          body: { userId: f.a.member.id, role: 'admin' },
        }),
        check: notFound,
      },
    ],
  },
  'GET /sys/user/list': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/user/list?keyword=${f.a.user.username}` }),
        check: (r) => expect(r.body.result.total).toBe(0),
      },
      {
        req: (f) => ({ url: `/sys/user/list?departmentId=${f.a.dept.id}` }),
        check: (r) => expect(r.body.result.total).toBe(0),
      },
    ],
  },
  'POST /sys/user/add': {
    foreign: [
      {
        req: (f) => ({
          url: '/sys/user/add',
          body: {
            username: uniq('iso'),
            realname: 'X',
            password: DEFAULT_PASSWORD,
            departmentIds: [f.a.dept.id],
          },
        }),
        check: notFound,
      },
    ],
  },
  'POST /sys/user/edit': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/user/edit', body: { id: f.a.user.id, realname: 'hacked' } }),
        check: notFound,
      },
      {
        req: (f) => ({
          url: '/sys/user/edit',
          body: { id: f.b.member.id, departmentIds: [f.a.dept.id] },
        }),
        check: notFound,
      },
    ],
  },
  'POST /sys/user/freeze': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/user/freeze', body: { userId: f.a.user.id, frozen: true } }),
        check: notFound,
      },
    ],
  },
  'POST /sys/user/resetPassword': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/user/resetPassword', body: { userId: f.a.user.id } }),
        check: notFound,
      },
    ],
  },
  'GET /sys/depart/tree': {
    foreign: [
      {
        req: () => ({ url: '/sys/depart/tree' }),
        check: (r, f) =>
          expect(JSON.stringify(r.body.result)).not.toContain(`"id":${f.a.dept.id},`),
      },
    ],
  },
  'POST /sys/depart/add': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/depart/add', body: { name: 'x', parentId: f.a.dept.id } }),
        check: refused,
      },
    ],
  },
  'POST /sys/depart/edit': {
    foreign: [
      {
        req: (f) => ({ url: '/sys/depart/edit', body: { id: f.a.dept.id, name: 'hacked' } }),
        check: notFound,
      },
      {
        req: (f) => ({ url: '/sys/depart/edit', body: { id: f.b.dept.id, parentId: f.a.dept.id } }),
        check: refused,
      },
    ],
  },
  // Link requests: only the addressed account sees and decides its own; another's id answers 404.
  'GET /sys/user/linkRequests': {
    foreign: [
      {
        req: () => ({ url: '/sys/user/linkRequests' }),
        check: (r, f) =>
          expect(r.body.result.records.map((x: { id: number }) => x.id)).not.toContain(
            f.a.linkRequestId,
          ),
      },
    ],
  },
  'POST /sys/user/linkRequests/:id/accept': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/user/linkRequests/${f.a.linkRequestId}/accept` }),
        check: notFound,
      },
    ],
  },
  'POST /sys/user/linkRequests/:id/refuse': {
    foreign: [
      {
        req: (f) => ({ url: `/sys/user/linkRequests/${f.a.linkRequestId}/refuse` }),
        check: notFound,
      },
    ],
  },
  'DELETE /sys/depart/:id': {
    foreign: [{ req: (f) => ({ url: `/sys/depart/${f.a.leafDept.id}` }), check: notFound }],
  },
  // Per-tenant domain and verification files (PRODUCT.md §8).
  'GET /sys/tenant/domain': { foreign: [] },
  'PUT /sys/tenant/domain': { foreign: [] },
  'GET /sys/thirdApp/verifyFiles': {
    foreign: [
      {
        req: () => ({ url: '/sys/thirdApp/verifyFiles' }),
        check: (r, f) =>
          expect(r.body.result.records.map((x: { fileName: string }) => x.fileName)).not.toContain(
            f.a.verifyFile,
          ),
      },
    ],
  },
  'POST /sys/thirdApp/verifyFiles': {
    foreign: [
      {
        // B cannot take over (or overwrite) a name A serves.
        req: (f) => ({
          url: '/sys/thirdApp/verifyFiles',
          body: { fileName: f.a.verifyFile, content: 'from B' },
        }),
        check: (r) => expect(r.status).toBe(409),
      },
    ],
  },
  'DELETE /sys/thirdApp/verifyFiles/:fileName': {
    foreign: [
      { req: (f) => ({ url: `/sys/thirdApp/verifyFiles/${f.a.verifyFile}` }), check: notFound },
    ],
  },
};

const routes: { key: string; method: Method; access: Access | undefined }[] = [];
const t = await buildTestApp({
  onRoute: (r: RouteOptions) => {
    if (!r.url.startsWith('/sys/')) return;
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({
        key: `${method} ${r.url}`,
        method: method as Method,
        access: r.config?.access,
      });
    }
  },
});
afterAll(() => t.close());

async function fixture(): Promise<Fixture> {
  const { factories: make } = t;
  const ta = await make.tenant();
  const tb = await make.tenant();
  const dept = await make.department(ta.id);
  const leafDept = await make.department(ta.id, { parentId: dept.id });
  // The pending joiner belongs to neither A nor B, so B's admin has no claim on it at all.
  const pending = await make.user((await make.tenant()).id);
  await t.call(
    'POST',
    '/sys/tenant/join',
    { houseNumber: ta.houseNumber },
    { token: pending.token },
  );
  const user = await make.user(ta.id, { departmentIds: [dept.id] });
  const adminA = await make.user(ta.id, { role: 'admin' });
  const key = await t.call(
    'POST',
    '/sys/apiKeys',
    { name: 'A system', permissions: ['messages:send'] },
    { token: adminA.token },
  );
  return {
    a: {
      id: ta.id,
      admin: adminA,
      member: await make.user(ta.id),
      user,
      pendingUserId: pending.id,
      dept,
      leafDept,
      messageId: await arrangeMessage(ta.id),
      ...(await arrangeBinding(ta.id)),
      linkRequestId: await arrangeLinkRequest(ta.id, pending.id),
      syncRunId: await arrangeSyncRun(ta.id),
      verifyFile: await arrangeVerifyFile(ta.id),
      apiKeyId: key.body.result.id as number,
    },
    b: {
      id: tb.id,
      admin: await make.user(tb.id, { role: 'admin' }),
      member: await make.user(tb.id),
      dept: await make.department(tb.id),
    },
  };
}

/** A run of tenant A waiting for confirmation (so a foreign confirm would have something to do). */
async function arrangeSyncRun(tenantId: number): Promise<number> {
  const [row] = await t.db
    .insert(syncRuns)
    .values({
      tenantId,
      thirdType: 'wechat_enterprise',
      trigger: 'api',
      status: 'needs_confirmation',
    })
    .returning({ id: syncRuns.id });
  return row!.id;
}

async function arrangeVerifyFile(tenantId: number): Promise<string> {
  const fileName = `WW_verify_iso${uniq('').replace(/[^A-Za-z0-9]/g, '')}.txt`;
  await t.db.insert(verifyFiles).values({ fileName, tenantId, content: 'for A only' });
  return fileName;
}

async function arrangeLinkRequest(tenantId: number, userId: number): Promise<number> {
  const [row] = await t.db
    .insert(linkRequests)
    .values({
      tenantId,
      thirdType: 'wechat_enterprise',
      corpId: 'ww0000000000000150',
      extUserId: uniq('isoAsked'),
      extName: 'isoAsked',
      userId,
    })
    .returning({ id: linkRequests.id });
  return row!.id;
}

async function arrangeMessage(tenantId: number): Promise<number> {
  const [row] = await t.db
    .insert(messages)
    .values({
      tenantId,
      thirdType: 'wechat_enterprise',
      source: 'push_api',
      senderUserId: 1,
      senderUsername: 'admin',
      msgtype: 'text',
      content: { msgtype: 'text', text: { content: 'for A only' } },
      target: { toUsers: [], toDepartments: [], toAll: true },
      status: 'sent',
      msgIds: ['arranged-msgid'],
    })
    .returning({ id: messages.id });
  return row!.id;
}

async function arrangeBinding(tenantId: number) {
  const member = await t.factories.user(tenantId);
  const bindingId = await bindMember(t.db, {
    tenantId,
    userId: member.id,
    corpId: 'ww0000000000000150',
    extUserId: 'isoBound',
  });
  return { bindingId, boundUserId: member.id };
}

/** Tenant A as its platform admin sees it; must be identical before and after the attacks. */
async function snapshotA(f: Fixture) {
  const opts = { token: t.adminToken, tenantId: f.a.id };
  const read = async (url: string) => (await t.call('GET', url, undefined, opts)).body.result;
  return {
    current: await read('/sys/tenant/current'),
    members: await read('/sys/tenant/members?pageSize=100'),
    users: await read('/sys/user/list?pageSize=100'),
    tree: await read('/sys/depart/tree'),
    messages: await read('/sys/thirdApp/messages?pageSize=100'),
    bindings: await read('/sys/thirdApp/bindings?pageSize=100'),
    verifyFiles: await read('/sys/thirdApp/verifyFiles'),
    domain: await read('/sys/tenant/domain'),
  };
}

const methodOf = (key: string) => key.split(' ')[0] as Method;
const isTenantScoped = (access: Access | undefined) => access === 'member' || access === 'admin';

// Each of the two walks below calls every /sys route (hundreds of requests): under a loaded CI
// worker they need more than the default 30 s per test.
describe('tenant isolation', { timeout: 120_000 }, () => {
  it('has an entry for every /sys route and no stale entries', () => {
    const keys = routes.map((r) => r.key);
    expect(keys.filter((k) => !(k in ENTRIES))).toEqual([]);
    expect(Object.keys(ENTRIES).filter((k) => !keys.includes(k))).toEqual([]);
    for (const r of routes) {
      if (isTenantScoped(r.access))
        expect('foreign' in ENTRIES[r.key]!, `${r.key} is tenant-scoped`).toBe(true);
    }
  });

  it('tenant B can neither read nor change tenant A (header and foreign ids)', async () => {
    const f = await fixture();
    const before = await snapshotA(f);
    const failures: string[] = [];
    for (const r of routes) {
      const entry = ENTRIES[r.key];
      if (!entry || 'exempt' in entry) continue;
      const cases: ForeignCase[] =
        entry.foreign.length > 0
          ? entry.foreign
          : [{ req: () => ({ url: r.key.split(' ')[1]! }), check: () => {} }];
      for (const c of cases) {
        const req = c.req(f);
        if (isTenantScoped(r.access)) {
          for (const who of [f.b.member, f.b.admin]) {
            const res = await t.call(methodOf(r.key), req.url, req.body, {
              token: who.token,
              tenantId: f.a.id,
            });
            if (res.status !== 403)
              failures.push(`${r.key} with X-Tenant-Id of A answered ${res.status}`);
          }
        }
        if (entry.foreign.length === 0) continue;
        const res = await t.call(methodOf(r.key), req.url, req.body, {
          token: f.b.admin.token,
          tenantId: f.b.id,
        });
        try {
          c.check(res, f);
        } catch (err) {
          failures.push(`${r.key} ${JSON.stringify(req)}: ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotA(f)).toEqual(before);
  });

  it("a tenant's plain member is refused by every admin route of that tenant", async () => {
    const f = await fixture();
    const before = await snapshotA(f);
    const admitted: string[] = [];
    for (const r of routes.filter((x) => x.access === 'admin')) {
      // Ids in paths are placeholders: the role check runs before routing parameters matter.
      const url = r.key.split(' ')[1]!.replace(/:[A-Za-z]+/g, '1');
      const res = await t.call(methodOf(r.key), url, methodOf(r.key) === 'GET' ? undefined : {}, {
        token: f.a.member.token,
        tenantId: f.a.id,
      });
      if (res.status !== 403 || res.body.errorCode !== 'tenant.admin_required')
        admitted.push(`${r.key} answered ${res.status} ${res.body.errorCode}`);
    }
    expect(admitted).toEqual([]);
    expect(await snapshotA(f)).toEqual(before);
  });
});
