import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { embeddedChanges, postgresChanges, type Changes } from './changes';
import { createHotPool, useHotPool } from './prepared';
import { backupHandler } from './embedded-backup';
import { claimDataDir, type ControlSocket } from './embedded-control';
import { guardPglite } from './embedded-guard';
import { startEmbeddedMaintenance, type EmbeddedMaintenance } from './embedded-maintenance';
import * as schema from './schema';
import { fallbackLog, type Log } from '../lib/log';
import type { DbUnavailable } from '../lib/pg-error';
import { restrictToOwner } from '../lib/owner-only';
import { serverPackageRoot } from '../lib/package-root';

export type Schema = typeof schema;
/** Common type of the PGlite and node-postgres databases and of their transactions. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_FOLDER = join(serverPackageRoot(), 'drizzle');

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
   * `lost` aborts (reason: a `LockLostError`) when that connection dies (server restart, failover,
   * `idle_session_timeout`, `pg_terminate_backend`): the lock is gone, so `fn` can no longer be
   * sure it is alone and should stop at its next safe point. The process stays up.
   */
  withAdvisoryLock?<T>(key: string, fn: (lost: AbortSignal) => Promise<T>): Promise<T>;
  /**
   * Which tables the request path caches read may have changed (db/changes.ts): heard from the
   * database's own notifications, and told by the services that write them.
   */
  changes?: Changes;
  /** PGlite only: its autovacuum (db/embedded-maintenance.ts). */
  maintenance?: Pick<EmbeddedMaintenance, 'check'>;
  /** PostgreSQL only: whether the change listener hears the other processes (GET /readyz). */
  listening?(): boolean;
  /** PGlite only: why the engine is out of service after a PANIC, null while it serves. */
  unavailable?(): DbUnavailable | null;
  close(): Promise<void>;
}

/** The reason `withAdvisoryLock`'s signal aborts with: the lock's connection died. */
export class LockLostError extends Error {
  override readonly name = 'LockLostError';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`the database connection holding the advisory lock "${key}" was lost`, options);
  }
}

export type DatabaseOptions = (
  | { databaseUrl: string; poolSize?: number }
  | {
      dataDir: string;
      /** PGlite's filesystem over `<dataDir>/db` (default: its NodeFS); made anew on each reopen. */
      filesystem?: (path: string) => NonNullable<PGliteOptions['fs']>;
      /** First wait before reopening the engine after a PANIC (db/embedded-guard.ts). */
      reopenDelayMs?: number;
    }
  | { pglite: PGlite }
) & {
  /** The process's logger (start.ts passes the app's one before the app exists). */
  log?: Log;
};

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  const log = opts.log ?? fallbackLog();
  if ('databaseUrl' in opts) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, log);
  // DATA_DIR 0700 and its files 0600 (lib/owner-only.ts): before, after opening, migrating, closing.
  const dataDir = 'dataDir' in opts ? opts.dataDir : null;
  const restrict = () => {
    if (dataDir !== null) restrictToOwner(dataDir);
  };
  restrict();
  // PGlite has no lock of its own: the control socket keeps a second process out of DATA_DIR
  // and answers `npm run backup` (db/embedded-control.ts).
  const control = dataDir !== null ? await claimDataDir(dataDir, 'server') : null;
  try {
    return await openEmbedded(opts, log, restrict, control);
  } catch (err) {
    await control?.close();
    throw err;
  }
}

async function openEmbedded(
  opts: Exclude<DatabaseOptions, { databaseUrl: string }>,
  log: Log,
  restrict: () => void,
  control: ControlSocket | null,
): Promise<Database> {
  const open =
    'dataDir' in opts
      ? () => {
          const path = join(opts.dataDir, 'db');
          return opts.filesystem
            ? PGlite.create({ fs: opts.filesystem(path) })
            : PGlite.create(path);
        }
      : undefined;
  // Set below, once the guarded client exists: a reopened engine has no listener yet.
  let relisten = async () => {};
  const guarded = guardPglite('pglite' in opts ? opts.pglite : await open!(), {
    reopen: open,
    reopenDelayMs: 'dataDir' in opts ? opts.reopenDelayMs : undefined,
    reopened: () => relisten(),
    log,
  });
  const client = guarded.client;
  restrict();
  const changes = await embeddedChanges(client);
  relisten = () => changes.relisten();
  const db = drizzlePglite({ client, schema });
  const maintenance = startEmbeddedMaintenance(client, {
    onError: (err) => log.warn({ err }, 'embedded database maintenance failed'),
  });
  control?.serve(backupHandler(client, log));
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    changes,
    maintenance,
    unavailable: guarded.unavailable,
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      // The triggers that notify are there now.
      await changes.recheck();
      restrict();
    },
    async close() {
      await changes.close();
      // A backup under way finishes first (it reads the engine); the lock goes last.
      await control?.drain();
      await maintenance.stop();
      await guarded.close();
      restrict();
      await control?.close();
    },
  };
}

function openPostgres(connectionString: string, max: number, log: Log): Database {
  // An idle connection can die under us (server restart, pg_terminate_backend, a dropped test
  // database); the pool replaces it on next use. Without a listener the error would crash the process.
  const idleLost = (err: Error) => log.warn({ err }, 'PostgreSQL idle connection lost');
  // A connection can also die while checked out (a transaction between two statements, a held
  // lock): node-postgres then emits 'error' on the client, which the pool only listens to while the
  // client is idle. The statement running, or the next one, fails with the error, and the pool
  // discards the client on release (it is no longer queryable); the event itself needs no action.
  const heldLost = () => {};
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', idleLost);
  pool.on('connect', (client) => client.on('error', heldLost));
  // The send path's prepared statements run on connections of their own (db/prepared.ts).
  const hot = createHotPool(connectionString, 2);
  hot.on('error', idleLost);
  hot.on('connect', (client) => client.on('error', heldLost));
  useHotPool(pool, hot);
  const changes = postgresChanges(connectionString, {
    onError: (err) => log.warn({ err }, 'PostgreSQL change listener'),
  });
  const db = drizzlePg({ client: pool, schema });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    changes,
    listening: changes.listening,
    async migrate() {
      // A session-level advisory lock needs one dedicated connection for lock, migrate, unlock.
      // If that connection dies the migration's own statements fail (each migration runs in a
      // transaction, so nothing is half-applied) and the start fails with that error.
      const conn = await pool.connect();
      let broken: Error | undefined;
      try {
        await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg({ client: conn, schema }), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
      } finally {
        await conn
          .query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
          .catch((err: Error) => (broken = err));
        conn.release(broken);
      }
    },
    async withAdvisoryLock(key, fn) {
      const conn = await pool.connect();
      const lost = new AbortController();
      const onLost = (err?: Error) => {
        if (!lost.signal.aborted) lost.abort(new LockLostError(key, { cause: err }));
      };
      conn.on('error', onLost);
      conn.on('end', onLost);
      /** A failed lock or unlock statement: the connection is not trusted again. */
      let broken: Error | undefined;
      try {
        await conn
          .query('select pg_advisory_lock(hashtextextended($1, 0))', [key])
          .catch((err: Error) => {
            // Killed while waiting: the error can arrive before the connection reports its end.
            broken = err;
            throw err;
          });
        try {
          return await fn(lost.signal);
        } finally {
          // A dead connection took its session lock with it: there is nothing to unlock.
          if (!lost.signal.aborted) {
            await conn
              .query('select pg_advisory_unlock(hashtextextended($1, 0))', [key])
              .catch((err: Error) => {
                broken = err;
                onLost(err);
              });
          }
        }
      } finally {
        conn.off('error', onLost);
        conn.off('end', onLost);
        // A connection whose lock may still be held, or that died, is closed rather than reused.
        conn.release(lost.signal.aborted ? (lost.signal.reason as Error) : broken);
      }
    },
    async close() {
      await changes.close();
      await Promise.all([pool.end(), hot.end()]);
    },
  };
}
