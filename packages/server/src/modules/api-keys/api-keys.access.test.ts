import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindMember } from '../../../test/factories/bindings';
import type { TestTenant, TestUser } from '../../../test/factories';
import { activeSimUsers } from '../../../test/factories/wecom-login';
import { apiKeys, auditLog, syncRuns, tenants } from '../../db/schema';
import type { ApiKeyPermission } from '../../db/schema/api-keys';
import { syncWorld, waitRun, type SyncWorld } from '../directory-sync/sync.test-harness';
import { auditOf, createKey, sendBody } from './api-keys.test-harness';

let w: SyncWorld;
let alice: TestUser;
let other: { tenant: TestTenant; admin: TestUser };

beforeAll(async () => {
  w = await syncWorld({ seed: 32, users: 8, departments: 2 });
  alice = await w.t.factories.user(w.tenant.id);
  await bindMember(w.t.db, {
    tenantId: w.tenant.id,
    userId: alice.id,
    corpId: w.sim.credentials.corpId,
    extUserId: activeSimUsers(w.sim)[0]!,
  });
  const tenant = await w.t.factories.tenant();
  other = { tenant, admin: await w.t.factories.user(tenant.id, { role: 'admin' }) };
});
afterAll(async () => {
  await w?.close();
});

const asKey = (key: string, tenantId?: number | string) => ({
  token: key,
  ...(tenantId !== undefined ? { tenantId } : {}),
});

describe('a key with messages:send', () => {
  it('sends through sendMessageTest as JSON, unchanged, and the log names the key as sender', async () => {
    const k = await createKey(w.t, w.admin.token, ['messages:send']);
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      sendBody(alice.username),
      asKey(k.key),
    );
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.result.sent).toEqual([alice.username]);

    const log = await w.t.call(
      'GET',
      `/sys/thirdApp/messages/${res.body.result.messageId}`,
      undefined,
      {
        token: w.admin.token,
      },
    );
    expect(log.status).toBe(200);
    expect(log.body.result.senderUsername).toBe(`apikey:${k.prefix}`);

    // Its use is in the audit log: one entry for the send, the key as the actor, no person.
    const entries = await w.t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'message.sent'),
          eq(auditLog.targetId, String(res.body.result.messageId)),
        ),
      );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tenantId: w.tenant.id,
      actorUserId: null,
      actorApiKeyId: k.id,
    });
    // And the audit API shows it under the key.
    const listed = await w.t.call(
      'GET',
      `/sys/audit?action=message.sent&actorApiKeyId=${k.id}`,
      undefined,
      { token: w.admin.token },
    );
    expect(listed.status, listed.body.message).toBe(200);
    expect(listed.body.result.records.map((r: { targetId: string }) => r.targetId)).toContain(
      String(res.body.result.messageId),
    );
  });

  it('sends with a form body (x-www-form-urlencoded) too', async () => {
    const k = await createKey(w.t, w.admin.token, ['messages:send']);
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/sys/thirdApp/sendMessageTest',
      headers: { 'x-access-token': k.key, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        app: 'WECHAT_ENTERPRISE',
        receiver: alice.username,
        sendAll: 'false',
        content: 'form',
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.sent).toEqual([alice.username]);
  });
});

/** One request per permission's routes; each answers something other than 403 when allowed. */
const PROBES: {
  permission: ApiKeyPermission;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}[] = [
  {
    permission: 'messages:send',
    method: 'POST',
    url: '/sys/thirdApp/sendMessageTest',
    body: sendBody('nobody_here'),
  },
  {
    permission: 'messages:send',
    method: 'POST',
    url: '/sys/thirdApp/messages',
    body: {
      thirdType: 'wechat_enterprise',
      msgtype: 'text',
      content: 'hi',
      toUsers: ['nobody_here'],
    },
  },
  { permission: 'messages:read', method: 'GET', url: '/sys/thirdApp/messages' },
  { permission: 'messages:read', method: 'GET', url: '/sys/thirdApp/messages/1' },
  { permission: 'directory:read', method: 'GET', url: '/sys/depart/tree' },
  { permission: 'directory:read', method: 'GET', url: '/sys/user/list' },
  { permission: 'directory:read', method: 'GET', url: '/sys/thirdApp/bindings' },
  { permission: 'sync:run', method: 'GET', url: '/sys/thirdApp/sync/runs/1' },
];

describe('permission boundaries', () => {
  it.each(['messages:send', 'messages:read', 'directory:read', 'sync:run'] as const)(
    'a key with only %s reaches its routes and is refused (403) every other permission’s',
    async (permission) => {
      const k = await createKey(w.t, w.admin.token, [permission]);
      for (const p of PROBES) {
        const res = await w.t.call(p.method, p.url, p.body, asKey(k.key));
        if (p.permission === permission) {
          expect(res.status, `${p.url}: ${res.body.message}`).not.toBe(403);
          expect(res.status).not.toBe(401);
          expect(res.status).toBeLessThan(500);
        } else {
          expect(res.status, p.url).toBe(403);
          expect(res.body.errorCode).toBe('auth.api_key_forbidden');
          expect(res.body.message).toContain(p.permission);
        }
      }
    },
  );

  it('directory:read lists the tenant’s users; messages:read lists the log', async () => {
    const k = await createKey(w.t, w.admin.token, ['directory:read', 'messages:read']);
    const users = await w.t.call('GET', '/sys/user/list?pageSize=100', undefined, asKey(k.key));
    expect(users.status).toBe(200);
    expect(users.body.result.records.map((u: { username: string }) => u.username)).toContain(
      alice.username,
    );
    const log = await w.t.call('GET', '/sys/thirdApp/messages', undefined, asKey(k.key));
    expect(log.status).toBe(200);
  });

  it('sync:run starts a full run like the scheduled job, naming no person, and reads its status', async () => {
    const k = await createKey(w.t, w.admin.token, ['sync:run']);
    const res = await w.t.call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: 'wechat_enterprise' },
      asKey(k.key),
    );
    expect(res.status, res.body.message).toBe(200);
    const runId = res.body.result.runId as number;
    const status = await w.t.call(
      'GET',
      `/sys/thirdApp/sync/runs/${runId}`,
      undefined,
      asKey(k.key),
    );
    expect(status.status).toBe(200);
    const done = await waitRun(w, runId);
    expect(done.trigger).toBe('api');
    const [row] = await w.t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(row!.actorUserId).toBeNull();
    // Preview and apply (the admin's decisions) are not for keys.
    for (const url of ['/sys/thirdApp/sync/preview', '/sys/thirdApp/sync/apply']) {
      const r = await w.t.call('POST', url, { thirdType: 'wechat_enterprise' }, asKey(k.key));
      expect(r.status, url).toBe(403);
    }
  });
});

describe('refusals', () => {
  it('records use-denied at most once a minute per key and operation, without the key', async () => {
    const k = await createKey(w.t, w.admin.token, ['messages:send']);
    for (let i = 0; i < 5; i++) {
      const res = await w.t.call('GET', '/sys/user/list', undefined, asKey(k.key));
      expect(res.status).toBe(403);
    }
    await w.t.call('GET', '/sys/apiKeys', undefined, asKey(k.key));
    await w.t.call('GET', '/sys/apiKeys', undefined, asKey(k.key));
    const entries = await auditOf(w.t, 'api_key.use_denied', k.id);
    expect(entries.map((e) => e.details?.operationId).sort()).toEqual(['listApiKeys', 'listUsers']);
    const users = entries.find((e) => e.details?.operationId === 'listUsers')!;
    expect(users).toMatchObject({ tenantId: w.tenant.id, actorUserId: null, actorApiKeyId: k.id });
    expect(users.details).toEqual({
      prefix: k.prefix,
      operationId: 'listUsers',
      permission: 'directory:read',
      reason: 'permission',
    });
    expect(JSON.stringify(entries)).not.toContain(k.key.slice(13));

    // A minute later (here: the entry made older), the next refusal is recorded again — also
    // by a process that has not written one (the database decides, not only this process).
    await w.t.db.execute(
      sql`update audit_log set created_at = created_at - interval '61 seconds' where action = 'api_key.use_denied' and actor_api_key_id = ${k.id}`,
    );
    const fresh = await createKey(w.t, w.admin.token, ['messages:send']);
    await w.t.call('GET', '/sys/user/list', undefined, asKey(fresh.key));
    expect(await auditOf(w.t, 'api_key.use_denied', fresh.id)).toHaveLength(1);
  });

  it('cannot reach another tenant: X-Tenant-Id naming it is 403, its own id works', async () => {
    const k = await createKey(w.t, w.admin.token, ['directory:read']);
    for (const tenantId of [other.tenant.id, 0, 2147483647]) {
      const res = await w.t.call('GET', '/sys/user/list', undefined, asKey(k.key, tenantId));
      expect(res.status, String(tenantId)).toBe(403);
      expect(res.body.errorCode).toBe('tenant.api_key_scoped');
    }
    const own = await w.t.call('GET', '/sys/user/list', undefined, asKey(k.key, w.tenant.id));
    expect(own.status).toBe(200);
    const bad = await w.t.call('GET', '/sys/user/list', undefined, asKey(k.key, 'abc'));
    expect(bad.status).toBe(400);
  });

  it('stops working the moment it is revoked (401), although it was just used', async () => {
    const k = await createKey(w.t, w.admin.token, ['directory:read']);
    expect((await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key))).status).toBe(200);
    expect((await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key))).status).toBe(200);
    await w.t.call('DELETE', `/sys/apiKeys/${k.id}`, undefined, { token: w.admin.token });
    const res = await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key));
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('auth.api_key_revoked');
  });

  it('an expired key is 401', async () => {
    const k = await createKey(w.t, w.admin.token, ['directory:read'], {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key))).status).toBe(200);
    await w.t.db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, k.id));
    const res = await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key));
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('auth.api_key_expired');
  });

  it('an unknown key of the right shape, or a mangled one, is 401', async () => {
    const k = await createKey(w.t, w.admin.token, ['directory:read']);
    const last = k.key.at(-1) === 'A' ? 'B' : 'A';
    const res = await w.t.call(
      'GET',
      '/sys/depart/tree',
      undefined,
      asKey(k.key.slice(0, -1) + last),
    );
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('auth.api_key_invalid');
    const cut = await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key.slice(0, -1)));
    expect(cut.status).toBe(401);
  });

  it('a key of a frozen tenant is 403 until the tenant is unfrozen', async () => {
    const tenant = await w.t.factories.tenant();
    const admin = await w.t.factories.user(tenant.id, { role: 'admin' });
    const k = await createKey(w.t, admin.token, ['directory:read']);
    expect((await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key))).status).toBe(200);
    await w.t.db.update(tenants).set({ status: 0 }).where(eq(tenants.id, tenant.id));
    const res = await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key));
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('tenant.frozen');
    await w.t.db.update(tenants).set({ status: 1 }).where(eq(tenants.id, tenant.id));
    expect((await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key))).status).toBe(200);
  });
});

describe('last use', () => {
  it('is recorded, and not rewritten within a minute', async () => {
    const k = await createKey(w.t, w.admin.token, ['directory:read']);
    await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key));
    const lastUsed = async () =>
      (
        await w.t.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, k.id))
      )[0]!.at;
    await expect.poll(lastUsed).not.toBeNull();
    const first = (await lastUsed())!.getTime();
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 3; i++) await w.t.call('GET', '/sys/depart/tree', undefined, asKey(k.key));
    await new Promise((r) => setTimeout(r, 50));
    expect((await lastUsed())!.getTime()).toBe(first);
    const list = await w.t.call('GET', '/sys/apiKeys?pageSize=100', undefined, {
      token: w.admin.token,
    });
    const listed = list.body.result.records.find((r: { id: number }) => r.id === k.id);
    expect(new Date(listed.lastUsedAt).getTime()).toBe(first);
  });
});
