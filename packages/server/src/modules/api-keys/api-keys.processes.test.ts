import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../test/build-test-app';
import { buildTestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { usePostgres } from '../../../test/test-db';
import { apiKeys } from '../../db/schema';
import { sharedPostgres, sharedSecretKey } from '../jobs/jobs.test-harness';
import { createKey } from './api-keys.test-harness';

/**
 * Two OrgBridge processes on one PostgreSQL: a key revoked (or expired) through one is refused by
 * the other on its next request, although the other had the key cached. The change clock's
 * backstop (maxStalenessMs, 1 s) is longer than the waits below, so only the notification can
 * make them pass.
 */
describe.runIf(usePostgres())('API keys across processes sharing one PostgreSQL', () => {
  let shared: Awaited<ReturnType<typeof sharedPostgres>>;
  let a: TestApp;
  let b: TestApp;
  let tenant: TestTenant;
  let admin: TestUser;

  beforeAll(async () => {
    shared = await sharedPostgres();
    const config = { secretKey: sharedSecretKey() };
    [a, b] = await Promise.all([
      buildTestApp({ database: await shared.open(), config }),
      buildTestApp({ database: await shared.open(), config }),
    ]);
    // Each listens for the other's changes before anything is cached.
    for (let i = 0; i < 100 && ![a, b].every((app) => app.database.listening?.()); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    tenant = await a.factories.tenant();
    admin = await a.factories.user(tenant.id, { role: 'admin' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await shared?.drop();
  });

  const tree = (app: TestApp, key: string) =>
    app.call('GET', '/sys/depart/tree', undefined, { token: key });

  /** B's answers until one is not 200, polled every 20 ms for at most 600 ms. */
  async function refusedByB(key: string) {
    let last = 200;
    await expect
      .poll(async () => (last = (await tree(b, key)).status), { timeout: 600, interval: 20 })
      .not.toBe(200);
    return last;
  }

  it('a key revoked through one process is refused by the other at once', async () => {
    expect([a.database.listening?.(), b.database.listening?.()]).toEqual([true, true]);
    const k = await createKey(a, admin.token, ['directory:read']);
    // B reads and caches the key (twice: the second answer comes from its cache).
    expect((await tree(b, k.key)).status).toBe(200);
    expect((await tree(b, k.key)).status).toBe(200);
    const revoked = await a.call('DELETE', `/sys/apiKeys/${k.id}`, undefined, {
      token: admin.token,
    });
    expect(revoked.status).toBe(200);
    expect(await refusedByB(k.key)).toBe(401);
    const res = await tree(b, k.key);
    expect(res.body.errorCode).toBe('auth.api_key_revoked');
  });

  it('a key expired by another process is refused, and one created there works here', async () => {
    const k = await createKey(a, admin.token, ['directory:read'], {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect((await tree(b, k.key)).status).toBe(200);
    await a.db
      .update(apiKeys)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(apiKeys.id, k.id));
    expect(await refusedByB(k.key)).toBe(401);
    expect((await tree(b, k.key)).body.errorCode).toBe('auth.api_key_expired');
  });
});
