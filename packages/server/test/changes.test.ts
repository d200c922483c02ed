import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client';
import { WATCHED_TABLES } from '../src/db/changes';
import { tenants, users } from '../src/db/schema';
import { openTestDatabase, usePostgres } from './test-db';

/**
 * How the request-path caches learn of changes (db/changes.ts): from the database's own
 * notifications and the services' word — never by wrapping a client's methods or reading SQL.
 */
describe('change notifications', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    for (let i = 0; i < 100 && !database.changes!.listening(); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(() => database?.close());

  it('no client method is patched: query, exec and transaction are the library’s own', async () => {
    const client = (database.db as unknown as { $client: unknown }).$client;
    if (client instanceof pg.Pool) {
      // Every pooled connection, including those that ran writes to watched tables.
      await database.db
        .update(users)
        .set({ updatedAt: sql`updated_at` })
        .where(eq(users.id, -1));
      const conn = await client.connect();
      try {
        expect(Object.hasOwn(conn, 'query')).toBe(false);
        expect(conn.query).toBe(pg.Client.prototype.query);
      } finally {
        conn.release();
      }
    } else {
      // The guarded stand-in forwards to the engine; the engine itself carries no own overrides.
      const engine = client as PGlite;
      for (const name of ['query', 'exec', 'transaction'] as const) {
        expect(Object.hasOwn(engine, name)).toBe(false);
        expect(typeof engine[name]).toBe('function');
      }
    }
  });

  it.skipIf(usePostgres())(
    'PGlite delivers a committed write’s notification before the write’s call returns',
    async () => {
      const changes = database.changes!;
      const at = changes.stamp(['tenants']);
      const other = changes.stamp(['third_app_configs']);
      await database.db
        .update(tenants)
        .set({ updatedAt: sql`updated_at` })
        .where(eq(tenants.id, -1));
      // No `changed()` call here: the trigger's notification alone moved it, synchronously.
      expect(changes.stamp(['tenants'])).not.toBe(at);
      expect(changes.stamp(['third_app_configs'])).toBe(other);

      // Inside a transaction: heard when it commits, not before; a rollback is not heard.
      const before = changes.stamp(['users']);
      await database.db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ updatedAt: sql`updated_at` })
          .where(eq(users.id, -1));
        expect(changes.stamp(['users'])).toBe(before);
      });
      expect(changes.stamp(['users'])).not.toBe(before);
      const committed = changes.stamp(['users']);
      await database.db
        .transaction(async (tx) => {
          await tx
            .update(users)
            .set({ updatedAt: sql`updated_at` })
            .where(eq(users.id, -1));
          tx.rollback();
        })
        .catch(() => {});
      expect(changes.stamp(['users'])).toBe(committed);
    },
  );

  it('every watched table has a notifying trigger', async () => {
    expect(database.changes!.listening()).toBe(true);
    const rows = (await database.db.execute(
      sql`select c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where t.tgname = c.relname || '_notify_change' order by 1`,
    )) as unknown as { rows: { table: string }[] };
    expect(rows.rows.map((r) => r.table)).toEqual([...WATCHED_TABLES].sort());
  });
});
