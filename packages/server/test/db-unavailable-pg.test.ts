// A PostgreSQL outage answers 503 `db.unavailable` naming the database (issue 13, items 5/6), and
// the same process serves again once PostgreSQL takes connections: no restart.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap';
import { openDatabase, type Database } from '../src/db/client';
import { buildTestApp, type TestApp } from './build-test-app';
import { TEST_ADMIN_PASSWORD, usePostgres } from './test-db';

const adminUrl = process.env.TEST_DATABASE_URL ?? '';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Refuses new connections to `name` and ends the ones it has: PostgreSQL down for this app. */
async function cutOff(name: string): Promise<void> {
  await admin(async (c) => {
    await c.query(`alter database ${name} allow_connections false`);
    await c.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
  });
}

describe.runIf(usePostgres())('PostgreSQL unreachable', () => {
  const name = `orgbridge_t_unavail_${randomBytes(5).toString('hex')}`;
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    await admin((c) => c.query(`create database ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
    await database.migrate();
    await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
    t = await buildTestApp({ database: { ...database, close: async () => {} } });
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
    await admin(async (c) => {
      await c.query(`alter database ${name} allow_connections true`);
      await c.query(`drop database if exists ${name} with (force)`);
    });
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

    await admin((c) => c.query(`alter database ${name} allow_connections true`));
    await expect.poll(async () => (await list()).status, { timeout: 15_000 }).toBe(200);
  });
});
