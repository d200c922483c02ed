import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindMember } from '../../../test/factories/bindings';
import type { TestTenant, TestUser } from '../../../test/factories';
import { activeSimUsers, weComSignIn } from '../../../test/factories/wecom-login';
import { apiKeys } from '../../db/schema';
import { syncWorld, type SyncWorld } from '../directory-sync/sync.test-harness';
import { API_KEY_PATTERN } from './api-keys.format';
import { auditOf, createKey } from './api-keys.test-harness';
import { MAX_LIVE_KEYS } from './api-keys.service';

let w: SyncWorld;
let other: { tenant: TestTenant; admin: TestUser };

beforeAll(async () => {
  w = await syncWorld({ seed: 31, users: 8, departments: 2 });
  const tenant = await w.t.factories.tenant();
  other = { tenant, admin: await w.t.factories.user(tenant.id, { role: 'admin' }) };
});
afterAll(async () => {
  await w?.close();
});

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('POST /sys/apiKeys', () => {
  it('shows the key once, stores only its sha256 and lists it with its creator and no secret', async () => {
    const res = await w.t.call(
      'POST',
      '/sys/apiKeys',
      {
        name: '  ERP push  ',
        permissions: ['messages:send', 'directory:read'],
        expiresAt: inDays(30),
      },
      { token: w.admin.token },
    );
    expect(res.status, res.body.message).toBe(200);
    const created = res.body.result;
    expect(created.key).toMatch(API_KEY_PATTERN);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({
      name: 'ERP push',
      permissions: ['messages:send', 'directory:read'],
    });

    const [row] = await w.t.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const list = await w.t.call('GET', '/sys/apiKeys', undefined, { token: w.admin.token });
    expect(list.status).toBe(200);
    const listed = list.body.result.records.find((k: { id: number }) => k.id === created.id);
    expect(listed).toMatchObject({
      name: 'ERP push',
      prefix: created.prefix,
      permissions: ['messages:send', 'directory:read'],
      lastUsedAt: null,
      revokedAt: null,
      createdBy: { id: w.admin.id, username: w.admin.username },
    });
    expect(new Date(listed.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(list.body)).not.toContain(created.key.slice(13));
    expect(JSON.stringify(list.body)).not.toContain(row!.keyHash);

    const [entry] = await auditOf(w.t, 'api_key.created', created.id);
    expect(entry).toMatchObject({ tenantId: w.tenant.id, actorUserId: w.admin.id });
    expect(entry!.details).toMatchObject({ prefix: created.prefix, name: 'ERP push' });
    expect(JSON.stringify(entry)).not.toContain(created.key.slice(13));
    expect(JSON.stringify(entry)).not.toContain(row!.keyHash);
  });

  it.each([
    ['no name', { permissions: ['messages:send'] }, /name/],
    ['a blank name', { name: '   ', permissions: ['messages:send'] }, /name/],
    ['a name of 65 characters', { name: 'x'.repeat(65), permissions: ['messages:send'] }, /name/],
    ['a control character', { name: 'a\u0000b', permissions: ['messages:send'] }, /name/],
    ['no permissions', { name: 'k', permissions: [] }, /permissions/],
    ['an unknown permission', { name: 'k', permissions: ['users:write'] }, /messages:send/],
    ['a repeated permission', { name: 'k', permissions: ['sync:run', 'sync:run'] }, /distinct/],
    ['permissions as text', { name: 'k', permissions: 'messages:send' }, /permissions/],
    ['a past expiry', { name: 'k', permissions: ['sync:run'], expiresAt: inDays(-1) }, /future/],
    [
      'an expiry too far',
      { name: 'k', permissions: ['sync:run'], expiresAt: inDays(5000) },
      /at most/,
    ],
    [
      'an expiry not a date',
      { name: 'k', permissions: ['sync:run'], expiresAt: 'tomorrow' },
      /ISO 8601/,
    ],
    [
      'a date without time',
      { name: 'k', permissions: ['sync:run'], expiresAt: '2099-13-45' },
      /ISO 8601/,
    ],
  ])('refuses %s with 400 and says what to fix', async (_what, body, message) => {
    const before = await w.t.db.select({ id: apiKeys.id }).from(apiKeys);
    const res = await w.t.call('POST', '/sys/apiKeys', body, { token: w.admin.token });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect(await w.t.db.select({ id: apiKeys.id }).from(apiKeys)).toHaveLength(before.length);
  });

  it(`caps live keys at ${MAX_LIVE_KEYS} per tenant (409); revoked and expired keys do not count`, async () => {
    const tenant = await w.t.factories.tenant();
    const admin = await w.t.factories.user(tenant.id, { role: 'admin' });
    const keys = [];
    for (let i = 0; i < MAX_LIVE_KEYS; i++)
      keys.push(await createKey(w.t, admin.token, ['sync:run']));
    const over = await w.t.call(
      'POST',
      '/sys/apiKeys',
      { name: 'one more', permissions: ['sync:run'] },
      { token: admin.token },
    );
    expect(over.status).toBe(409);
    expect(over.body.errorCode).toBe('api_keys.too_many');
    // Another tenant is not affected.
    await createKey(w.t, other.admin.token, ['sync:run']);

    await w.t.call('DELETE', `/sys/apiKeys/${keys[0]!.id}`, undefined, { token: admin.token });
    await w.t.db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, keys[1]!.id));
    await createKey(w.t, admin.token, ['sync:run']);
    await createKey(w.t, admin.token, ['sync:run']);
    expect(
      (
        await w.t.call(
          'POST',
          '/sys/apiKeys',
          { name: 'x', permissions: ['sync:run'] },
          { token: admin.token },
        )
      ).status,
    ).toBe(409);
  });

  it('is for tenant admins: a member is refused', async () => {
    const member = await w.t.factories.user(w.tenant.id);
    for (const [method, url, body] of [
      ['POST', '/sys/apiKeys', { name: 'mine', permissions: ['messages:send'] }],
      ['GET', '/sys/apiKeys', undefined],
      ['DELETE', '/sys/apiKeys/1', undefined],
    ] as const) {
      const res = await w.t.call(method, url, body, { token: member.token });
      expect(res.status, url).toBe(403);
      expect(res.body.errorCode).toBe('tenant.admin_required');
    }
  });

  it('a WeCom sign-in session (tenant-scoped) may list and revoke keys but not create one', async () => {
    const userid = activeSimUsers(w.sim)[0]!;
    await bindMember(w.t.db, {
      tenantId: w.tenant.id,
      userId: w.admin.id,
      corpId: w.sim.credentials.corpId,
      extUserId: userid,
    });
    const { fragment } = await weComSignIn(w.t, { tenantId: w.tenant.id, userid });
    const exchanged = await w.t.call('POST', '/sys/thirdLogin/exchange', {
      ticket: fragment.ticket,
    });
    expect(exchanged.status, exchanged.body.message).toBe(200);
    const token = exchanged.body.result.token as string;

    const res = await w.t.call(
      'POST',
      '/sys/apiKeys',
      { name: 'via wecom', permissions: ['messages:send'] },
      { token },
    );
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('api_keys.password_session_required');

    const victim = await createKey(w.t, w.admin.token, ['messages:read']);
    expect((await w.t.call('GET', '/sys/apiKeys', undefined, { token })).status).toBe(200);
    const revoked = await w.t.call('DELETE', `/sys/apiKeys/${victim.id}`, undefined, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.result.revokedAt).not.toBeNull();
  });
});

describe('DELETE /sys/apiKeys/:id', () => {
  it('revokes once and audits it; repeating changes nothing', async () => {
    const k = await createKey(w.t, w.admin.token, ['messages:read']);
    const first = await w.t.call('DELETE', `/sys/apiKeys/${k.id}`, undefined, {
      token: w.admin.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({ id: k.id, prefix: k.prefix });
    expect(first.body.result.revokedAt).not.toBeNull();
    const again = await w.t.call('DELETE', `/sys/apiKeys/${k.id}`, undefined, {
      token: w.admin.token,
    });
    expect(again.status).toBe(200);
    expect(again.body.result.revokedAt).toBe(first.body.result.revokedAt);
    const entries = await auditOf(w.t, 'api_key.revoked', k.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tenantId: w.tenant.id, actorUserId: w.admin.id });
    expect(entries[0]!.details).toMatchObject({ prefix: k.prefix });
    const [row] = await w.t.db.select().from(apiKeys).where(eq(apiKeys.id, k.id));
    expect(row!.revokedBy).toBe(w.admin.id);
  });

  it("another tenant's key answers 404 and stays live; lists are per tenant", async () => {
    const theirs = await createKey(w.t, other.admin.token, ['messages:send']);
    const res = await w.t.call('DELETE', `/sys/apiKeys/${theirs.id}`, undefined, {
      token: w.admin.token,
    });
    expect(res.status).toBe(404);
    expect(res.body.errorCode).toBe('api_keys.not_found');
    const [row] = await w.t.db.select().from(apiKeys).where(eq(apiKeys.id, theirs.id));
    expect(row!.revokedAt).toBeNull();

    const mine = await w.t.call('GET', '/sys/apiKeys?pageSize=100', undefined, {
      token: w.admin.token,
    });
    const ids = mine.body.result.records.map((k: { id: number }) => k.id);
    expect(ids).not.toContain(theirs.id);
    const theirList = await w.t.call('GET', '/sys/apiKeys?pageSize=100', undefined, {
      token: other.admin.token,
    });
    expect(theirList.body.result.records.map((k: { id: number }) => k.id)).toContain(theirs.id);
    expect(theirList.body.result.records.every((k: { id: number }) => !ids.includes(k.id))).toBe(
      true,
    );
  });

  it('answers 400 for an id that is not one', async () => {
    for (const id of ['abc', '-1', '99999999999']) {
      const res = await w.t.call('DELETE', `/sys/apiKeys/${id}`, undefined, {
        token: w.admin.token,
      });
      expect(res.status, id).toBe(400);
    }
  });
});

describe('/openapi.json', () => {
  it('states in each operation whether a key reaches it and with which permission', async () => {
    const res = await w.t.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json() as {
      paths: Record<string, Record<string, { operationId: string; description?: string }>>;
    };
    const ops = new Map(
      Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => [o.operationId, o])),
    );
    expect(ops.get('sendMessageTest')!.description).toContain('`messages:send` permission');
    expect(ops.get('listUsers')!.description).toContain('`directory:read` permission');
    expect(ops.get('runSync')!.description).toContain('`sync:run` permission');
    expect(ops.get('syncRunEvents')!.description).toContain('`sync:run` permission');
    for (const id of ['createApiKey', 'addUser', 'previewSync', 'switchTenant'])
      expect(ops.get(id)!.description, id).toContain('not reachable with an API key');
    expect(ops.get('login')?.description ?? '').not.toContain('API key');
  });
});
