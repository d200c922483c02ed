import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENER_NAME, postgresChanges, WATCHED_TABLES, type Changes } from '../src/db/changes';
import { WATCHED } from '../src/db/changes';
import type { Database } from '../src/db/client';
import { openTestDatabase, usePostgres } from './test-db';

const settle = () => new Promise((r) => setTimeout(r, 150));

describe.runIf(usePostgres())('PostgreSQL change listener', () => {
  let database: Database;
  let url: string;
  let pool: pg.Pool;
  let clock: Changes;
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
    clock = postgresChanges(url, { retryMs: 100 });
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
    const at = clock.stamp(WATCHED_TABLES);
    await other.query(`insert into audit_log (action) values ('clock-probe')`);
    await pool.query('select count(*) from users');
    await settle();
    expect(clock.stamp(WATCHED_TABLES)).toBe(at);
  });

  it('moves when another process commits a watched write, not before', async () => {
    const at = clock.stamp(WATCHED_TABLES);
    await other.query('begin');
    await other.query('update users set updated_at = updated_at where id = -1');
    await settle();
    expect(clock.stamp(WATCHED_TABLES)).toBe(at);
    await other.query('commit');
    await expect.poll(() => clock.stamp(WATCHED_TABLES), { timeout: 2_000 }).not.toBe(at);
  });

  it('hears its own process’s commits too, and moves only the stamp of the table written', async () => {
    const users = () => clock.stamp(['users']);
    const configs = () => clock.stamp(['third_app_configs']);
    const [u, c] = [users(), configs()];
    await pool.query('update users set updated_at = updated_at where id = -1');
    await expect.poll(users, { timeout: 2_000 }).not.toBe(u);
    await settle();
    expect(configs()).toBe(c);
    // A transaction notifies once it commits, not before; a rolled-back one not at all.
    const conn = await pool.connect();
    try {
      await conn.query('begin');
      await conn.query('update third_app_configs set updated_at = updated_at where id = -1');
      await settle();
      expect(configs()).toBe(c);
      await conn.query('rollback');
      await settle();
      expect(configs()).toBe(c);
      await conn.query('begin');
      await conn.query('update third_app_configs set updated_at = updated_at where id = -1');
      await conn.query('commit');
      await expect.poll(configs, { timeout: 2_000 }).not.toBe(c);
    } finally {
      conn.release();
    }
  });

  it('moves at once when a service says it changed a table (no round trip)', () => {
    const at = clock.stamp(['sessions']);
    clock.changed('sessions');
    expect(clock.stamp(['sessions'])).not.toBe(at);
  });

  it('does not count as listening while a watched table has no trigger (not migrated yet)', async () => {
    await other.query('alter table memberships disable trigger memberships_notify_change');
    const early = postgresChanges(url, { retryMs: 100 });
    try {
      await settle();
      expect(early.listening()).toBe(false);
      expect(early.stamp(WATCHED_TABLES)).not.toBe(early.stamp(WATCHED_TABLES));
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
    expect(clock.stamp(WATCHED_TABLES)).not.toBe(clock.stamp(WATCHED_TABLES));
    await expect.poll(() => clock.listening(), { timeout: 5_000 }).toBe(true);
    const at = clock.stamp(WATCHED_TABLES);
    expect(clock.stamp(WATCHED_TABLES)).toBe(at);
  });
});
