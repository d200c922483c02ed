import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { watchWrites, type ChangeClock } from './change-clock';
import { watchPostgres } from './change-clock-pg';
import { createHotPool, useHotPool } from './prepared';
import { guardPglite } from './embedded-guard';
import { startEmbeddedMaintenance, type EmbeddedMaintenance } from './embedded-maintenance';
import * as schema from './schema';
import { restrictToOwner } from '../lib/owner-only';

export type Schema = typeof schema;
/** Common type of the PGlite and node-postgres databases and of their transactions. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Arbitrary constant: serialises migrations of several processes sharing one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_240_011;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations from `drizzle/`. */
  migrate(): Promise<void>;
  /**
   * Runs `fn` holding a PostgreSQL session advisory lock on its own connection, without an open
   * transaction (so `fn` may call the network). Absent for PGlite: one process owns that database.
   */
  withAdvisoryLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Moves on every write to a table the request path caches: db/change-clock.ts on PGlite, whose
   * one owning process sees every statement; db/change-clock-pg.ts on PostgreSQL, which also hears
   * the other processes' writes.
   */
  changes?: ChangeClock;
  /** PGlite only: its autovacuum (db/embedded-maintenance.ts). */
  maintenance?: Pick<EmbeddedMaintenance, 'check'>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { databaseUrl: string; poolSize?: number }
  | {
      dataDir: string;
      /** PGlite's filesystem over `<dataDir>/db` (default: its NodeFS); made anew on each reopen. */
      filesystem?: (path: string) => NonNullable<PGliteOptions['fs']>;
      /** First wait before reopening the engine after a PANIC (db/embedded-guard.ts). */
      reopenDelayMs?: number;
    }
  | { pglite: PGlite };

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if ('databaseUrl' in opts) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  // DATA_DIR 0700 and its files 0600 (lib/owner-only.ts): before, after opening, migrating, closing.
  const dataDir = 'dataDir' in opts ? opts.dataDir : null;
  const restrict = () => {
    if (dataDir !== null) restrictToOwner(dataDir);
  };
  restrict();
  const open =
    'dataDir' in opts
      ? () => {
          const path = join(opts.dataDir, 'db');
          return opts.filesystem
            ? PGlite.create({ fs: opts.filesystem(path) })
            : PGlite.create(path);
        }
      : undefined;
  const guarded = guardPglite('pglite' in opts ? opts.pglite : await open!(), {
    reopen: open,
    reopenDelayMs: 'dataDir' in opts ? opts.reopenDelayMs : undefined,
  });
  const client = guarded.client;
  restrict();
  const changes = watchWrites(client);
  const db = drizzlePglite({ client, schema });
  const maintenance = startEmbeddedMaintenance(client);
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    changes,
    maintenance,
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      restrict();
    },
    async close() {
      await maintenance.stop();
      await guarded.close();
      restrict();
    },
  };
}

function openPostgres(connectionString: string, max: number): Database {
  // An idle connection can die under us (server restart, pg_terminate_backend, a dropped test
  // database); the pool replaces it on next use. Without a listener the error would crash the process.
  const idleLost = (err: Error) => {
    process.stderr.write(`PostgreSQL idle connection lost: ${err.message}\n`);
  };
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', idleLost);
  // The send path's prepared statements run on connections of their own (db/prepared.ts).
  const hot = createHotPool(connectionString, 2);
  hot.on('error', idleLost);
  useHotPool(pool, hot);
  const changes = watchPostgres(pool, connectionString);
  changes.observe(hot);
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    changes,
    async migrate() {
      // A session-level advisory lock needs one dedicated connection for lock, migrate, unlock.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client: conn, schema }), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
      } finally {
        await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        conn.release();
      }
    },
    async withAdvisoryLock(key, fn) {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock(hashtextextended($1, 0))', [key]);
        try {
          return await fn();
        } finally {
          await conn.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
        }
      } finally {
        conn.release();
      }
    },
    async close() {
      await changes.close();
      await Promise.all([pool.end(), hot.end()]);
    },
  };
}
