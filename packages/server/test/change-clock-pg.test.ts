import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENER_NAME, watchPostgres, type PgChangeClock } from '../src/db/change-clock-pg';
import { WATCHED } from '../src/db/change-clock';
import type { Database } from '../src/db/client';
import { openTestDatabase, usePostgres } from './test-db';

const settle = () => new Promise((r) => setTimeout(r, 150));

describe.runIf(usePostgres())('PostgreSQL change clock', () => {
  let database: Database;
  let url: string;
  let pool: pg.Pool;
  let clock: PgChangeClock;
  /** Another process's connection. */
  let other: pg.Client;

  beforeAll(async () => {
    database = await openTestDatabase();
    url = (database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;
    pool = new pg.Pool({ connectionString: url, max: 2 });
    // Seen once in CI: a 57P01 on one of this pool's connections while it was being ended surfaced
    // as an uncaught exception. The server's pools listen on every connection (db/client.ts); so
    // does this stand-in for another process's pool.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    // Never moves on its own here: every move below is a write's.
    clock = watchPostgres(pool, url, { maxStalenessMs: 3_600_000, retryMs: 100 });
    other = new pg.Client({ connectionString: url });
    await other.connect();
    for (let i = 0; i < 100 && !clock.listening(); i++) await settle();
  });
  afterAll(async () => {
    await other?.end();
    await clock?.close();
    await pool?.end();
    await database?.close();
  });

  it('every watched table notifies (the migration and the list agree)', async () => {
    const { rows } = await other.query<{ table: string }>(
      `select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
       where t.tgname like '%\\_notify\\_change' order by 1`,
    );
    expect(rows.map((r) => r.table)).toEqual([...WATCHED].sort());
  });

  it('stands still while nothing watched changes', async () => {
    const at = clock.now();
    await other.query(`insert into audit_log (action) values ('clock-probe')`);
    await pool.query('select count(*) from users');
    await settle();
    expect(clock.now()).toBe(at);
  });

  it('moves when another process commits a watched write, not before', async () => {
    const at = clock.now();
    await other.query('begin');
    await other.query('update users set updated_at = updated_at where id = -1');
    await settle();
    expect(clock.now()).toBe(at);
    await other.query('commit');
    await expect.poll(() => clock.now(), { timeout: 2_000 }).not.toBe(at);
  });

  it('moves around its own writes at once, and again when their transaction ends', async () => {
    const at = clock.now();
    await pool.query('update tenants set updated_at = updated_at where id = -1');
    const afterWrite = clock.now();
    expect(afterWrite).not.toBe(at);
    await settle(); // its own notification comes too

    const conn = await pool.connect();
    try {
      await conn.query('begin');
      const before = clock.now();
      await conn.query({
        text: 'update memberships set updated_at = updated_at where id = $1',
        values: [-1],
      });
      const inside = clock.now();
      expect(inside).not.toBe(before);
      await conn.query('select 1');
      expect(clock.now()).toBe(inside);
      await conn.query('savepoint s');
      await conn.query('rollback to savepoint s');
      const beforeCommit = clock.now();
      await conn.query('commit');
      expect(clock.now()).not.toBe(beforeCommit);
    } finally {
      conn.release();
    }
  });

  it('does not count as listening while a watched table has no trigger (not migrated yet)', async () => {
    await other.query('alter table memberships disable trigger memberships_notify_change');
    const early = watchPostgres(pool, url, { maxStalenessMs: 3_600_000, retryMs: 100 });
    try {
      await settle();
      expect(early.listening()).toBe(false);
      expect(early.now()).not.toBe(early.now());
      await other.query('alter table memberships enable trigger memberships_notify_change');
      await expect.poll(() => early.listening(), { timeout: 3_000 }).toBe(true);
    } finally {
      await other.query('alter table memberships enable trigger memberships_notify_change');
      await early.close();
    }
  });

  it('caches nothing while its LISTEN connection is gone, and listens again', async () => {
    await other.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where application_name = $1 and datname = current_database()`,
      [LISTENER_NAME],
    );
    await expect.poll(() => clock.listening(), { timeout: 2_000 }).toBe(false);
    expect(clock.now()).not.toBe(clock.now());
    await expect.poll(() => clock.listening(), { timeout: 5_000 }).toBe(true);
    const at = clock.now();
    expect(clock.now()).toBe(at);
  });
});
