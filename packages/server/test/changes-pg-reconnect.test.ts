import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENER_NAME, postgresChanges, WATCHED_TABLES, type Changes } from '../src/db/changes';
import type { Database } from '../src/db/client';
import { openTestDatabase, usePostgres } from './test-db';

/**
 * The LISTEN connection dies (server restart, failover, pg_terminate_backend): the process stays
 * up, the clock listens again with a growing wait between failed attempts, counts everything as
 * changed meanwhile (notifications may have been missed), and hears other processes' writes again.
 */
describe.runIf(usePostgres())('PostgreSQL change listener: its LISTEN connection dies', () => {
  let database: Database;
  let url: string;
  let pool: pg.Pool;
  let other: pg.Client;

  beforeAll(async () => {
    database = await openTestDatabase();
    url = (database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;
    pool = new pg.Pool({ connectionString: url, max: 2 });
    other = new pg.Client({ connectionString: url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await pool?.end();
    await database?.close();
  });

  const killListener = () =>
    other.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where application_name = $1 and datname = current_database()`,
      [LISTENER_NAME],
    );

  it('listens again after each kill and hears a write by another process', async () => {
    const errors: unknown[] = [];
    const clock: Changes = postgresChanges(url, {
      retryMs: 100,
      onError: (err) => errors.push(err),
    });
    try {
      for (let round = 0; round < 3; round++) {
        await expect.poll(() => clock.listening(), { timeout: 5_000 }).toBe(true);
        const before = clock.stamp(WATCHED_TABLES);
        await killListener();
        await expect.poll(() => clock.listening(), { timeout: 2_000 }).toBe(false);
        // Within a base wait (not a grown one): a successful listen starts the back-off over.
        await expect.poll(() => clock.listening(), { timeout: 1_500, interval: 20 }).toBe(true);
        const at = clock.stamp(WATCHED_TABLES);
        expect(at).not.toBe(before);
        expect(clock.stamp(WATCHED_TABLES)).toBe(at);
        await other.query('update users set updated_at = updated_at where id = -1');
        await expect.poll(() => clock.stamp(WATCHED_TABLES), { timeout: 2_000 }).not.toBe(at);
      }
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await clock.close();
    }
  });

  it('waits longer after each failed attempt to listen again', async () => {
    const attempts: number[] = [];
    const missing = new URL(url);
    missing.pathname = '/orgbridge_no_such_database';
    const clock = postgresChanges(missing.toString(), {
      retryMs: 50,
      maxRetryMs: 400,
      onError: () => attempts.push(Date.now()),
    });
    try {
      await new Promise((r) => setTimeout(r, 1_600));
      expect(clock.listening()).toBe(false);
      // 50 → 100 → 200 → 400 → 400…: about 6 attempts in 1.6 s, not 30 at a fixed 50 ms.
      expect(attempts.length).toBeGreaterThanOrEqual(3);
      expect(attempts.length).toBeLessThanOrEqual(9);
      const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
      expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]! * 2);
    } finally {
      await clock.close();
    }
  });
});
