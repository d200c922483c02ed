// A PostgreSQL outage answers 503 `db.unavailable` naming the database (issue 13, items 5/6), and
// the same process serves again once PostgreSQL takes connections: no restart.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client';
import type { TestApp } from './build-test-app';
import { appOnOwnDatabase, cutOff, dropDatabase, restore } from './own-pg-database';
import { usePostgres } from './test-db';

describe.runIf(usePostgres())('PostgreSQL unreachable', () => {
  const name = `orgbridge_t_unavail_${randomBytes(5).toString('hex')}`;
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    ({ database, t } = await appOnOwnDatabase(name));
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
    await dropDatabase(name);
  });

  it('answers 503 db.unavailable with Retry-After while refused, and serves again after', async () => {
    const list = () => t.call('GET', '/sys/user/list', undefined, { token: t.adminToken });
    expect((await list()).status).toBe(200);

    await cutOff(name);
    const started = Date.now();
    const down = await list();
    expect(down.status).toBe(503);
    expect(down.body.errorCode).toBe('db.unavailable');
    expect(down.body.code).toBe(503);
    expect(down.body.message).toMatch(/database is not reachable/i);
    expect(down.body.message).toMatch(/DATABASE_URL/);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);

    await restore(name);
    await expect.poll(async () => (await list()).status, { timeout: 15_000 }).toBe(200);
  });
});
