import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutoAnalyze } from '../src/db/auto-analyze';
import type { Database } from '../src/db/client';
import { createHotPool, executeHot } from '../src/db/prepared';
import { findPgError } from '../src/lib/pg-error';
import { openTestDatabase, usePostgres } from './test-db';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(
    sql`create table hot_probe (id int primary key, name text, at timestamptz, tags text[])`,
  );
});
afterAll(() => database?.close());

const client = () => (database.db as unknown as { $client: PGlite }).$client;
const probe = (id: number, name: string | null) => sql`
  insert into hot_probe (id, name, at, tags)
  values (${id}, ${name}, '2026-01-02T03:04:05Z', ${sql.param(['a', 'b'])}::text[])
  returning id, name, at, tags, ${sql.param([1, 2])}::int[] as ints, null::int as nothing`;

describe('executeHot', () => {
  it('answers exactly what db.execute answers, call after call', async () => {
    const hot = await executeHot(database.db, probe(1, 'first'));
    await database.db.execute(sql`delete from hot_probe`);
    const plain = await database.db.execute(probe(1, 'first'));
    expect(hot.rows).toEqual((plain as unknown as { rows: unknown[] }).rows);
    // Parameters change, the text does not: the same prepared statement, new values.
    const again = await executeHot(database.db, probe(2, null));
    expect(again.rows).toEqual([{ ...(hot.rows[0] as object), id: 2, name: null }]);
  });

  it('propagates an error and leaves the connection usable', async () => {
    const err = await executeHot(database.db, probe(2, 'duplicate')).catch((e: unknown) => e);
    expect(findPgError(err)?.code).toBe('23505');
    const next = await executeHot(database.db, probe(3, 'after'));
    expect(next.rows).toHaveLength(1);
    const count = await executeHot(database.db, sql`select count(*)::int as n from hot_probe`);
    expect(count.rows).toEqual([{ n: 3 }]);
  });

  it.skipIf(usePostgres())('never runs inside another caller’s open transaction', async () => {
    let release!: () => void;
    let inserted!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const open = new Promise<void>((r) => (inserted = r));
    const tx = client().transaction(async (t) => {
      await t.query(`insert into hot_probe (id, name) values (100, 'in tx')`);
      inserted();
      await held;
      await t.rollback();
    });
    await open;
    // Started while the transaction is open; must wait for it, then not see its rolled-back row.
    const read = executeHot(
      database.db,
      sql`select count(*)::int as n from hot_probe where id = 100`,
    );
    await new Promise((r) => setTimeout(r, 50));
    release();
    await tx;
    expect((await read).rows).toEqual([{ n: 0 }]);
  });

  it('prepares a new text once however many first calls arrive together', async () => {
    const count = (k: number) => sql`select count(*)::int + ${k}::int as n from hot_probe`;
    const [a, b] = await Promise.all([
      executeHot(database.db, count(0)),
      executeHot(database.db, count(1)),
    ]);
    expect((b.rows[0] as { n: number }).n).toBe((a.rows[0] as { n: number }).n + 1);
    const other = (k: number) => sql`select ${k}::int + 100 as n`;
    const [c, d] = await Promise.all([
      executeHot(database.db, other(1)),
      executeHot(database.db, sql`select ${2}::int + 200 as n`),
    ]);
    expect([c.rows, d.rows]).toEqual([[{ n: 101 }], [{ n: 202 }]]);
  });

  it.skipIf(usePostgres())('prepares again when the engine dropped its statements', async () => {
    const probeCount = sql`select count(*)::int as n from hot_probe where id = ${3}`;
    expect((await executeHot(database.db, probeCount)).rows).toEqual([{ n: 1 }]);
    await client().query('deallocate all');
    expect((await executeHot(database.db, probeCount)).rows).toEqual([{ n: 1 }]);
  });

  it.skipIf(usePostgres())(
    'plans a hot statement once whatever its arrays hold, and leaves the session as it was',
    async () => {
      const byIds = (ids: number[]) => sql`
        select count(*)::int as n from hot_probe h
        join unnest(${sql.param(ids)}::int[]) as i(id) on i.id = h.id`;
      for (let k = 1; k <= 8; k++) {
        const ids = Array.from({ length: k }, (_, i) => i + 1);
        expect((await executeHot(database.db, byIds(ids))).rows).toHaveLength(1);
      }
      // Left to `auto`, PostgreSQL plans at least the first five calls for their values (the
      // message log's statement: every call).
      const { rows } = await client().query<{ generic_plans: number; custom_plans: number }>(
        `select generic_plans::int, custom_plans::int from pg_prepared_statements
         where statement like '%join unnest(%'`,
      );
      expect(rows).toEqual([{ generic_plans: 8, custom_plans: 0 }]);
      const mode = async () =>
        (await client().query<{ plan_cache_mode: string }>('show plan_cache_mode')).rows[0]!
          .plan_cache_mode;
      expect(await mode()).toBe('auto');
      await executeHot(database.db, probe(1, 'duplicate')).catch(() => {});
      expect(await mode()).toBe('auto');
    },
  );

  it.skipIf(usePostgres())('a prepared write to a watched table is heard like any other', async () => {
    const changes = database.changes!;
    const before = changes.stamp(['tenants']);
    await executeHot(database.db, sql`update tenants set updated_at = updated_at where id = ${-1}`);
    expect(changes.stamp(['tenants'])).not.toBe(before);
    const still = changes.stamp(['tenants']);
    await executeHot(database.db, sql`update hot_probe set name = name where id = ${-1}`);
    expect(changes.stamp(['tenants'])).toBe(still);
  });
});

describe.runIf(usePostgres())('hot statements on PostgreSQL', () => {
  const pool = () => (database.db as unknown as { $client: pg.Pool }).$client;

  it('run on connections that plan once at READ COMMITTED, keeping the URL’s own options', async () => {
    const url = new URL(pool().options.connectionString!);
    url.searchParams.set('options', '-c statement_timeout=4321');
    const hot = createHotPool(url.toString(), 1);
    try {
      const { rows } = await hot.query(`
        select current_setting('plan_cache_mode') as plan,
          current_setting('transaction_isolation') as isolation,
          current_setting('statement_timeout') as timeout`);
      expect(rows).toEqual([
        { plan: 'force_generic_plan', isolation: 'read committed', timeout: '4321ms' },
      ]);
    } finally {
      await hot.end();
    }
  });

  it('the message journal’s member count refuses any isolation but READ COMMITTED', async () => {
    const conn = await pool().connect();
    try {
      await conn.query('begin isolation level repeatable read');
      await expect(
        conn.query(`select * from orgbridge_member_counts('{}', '{}', '{}')`),
      ).rejects.toThrow(/needs READ COMMITTED/);
    } finally {
      await conn.query('rollback');
      conn.release();
    }
  });
});

describe('createAutoAnalyze', () => {
  const analyzedAt = async () => {
    const r = await database.db.execute(
      sql`select last_analyze from pg_stat_user_tables where relname = 'hot_probe'`,
    );
    return (r as unknown as { rows: { last_analyze: string | null }[] }).rows[0]?.last_analyze;
  };

  it('analyzes once the writes pass the threshold, not before', async () => {
    const stats = createAutoAnalyze(database.db, ['hot_probe']);
    expect(await analyzedAt()).toBeNull();
    stats.noteWrites(50);
    await new Promise((r) => setTimeout(r, 50));
    expect(await analyzedAt()).toBeNull();
    stats.noteWrites(1);
    await expect.poll(analyzedAt, { timeout: 5_000 }).not.toBeNull();
  });
});
