import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { runOnPglite } from './embedded/prepared';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client';

/**
 * Hot statements (the send path's few big ones) as named prepared statements, planned once
 * (docs/decisions/0002-prepared-statements.md). The statement text must be the same on every
 * call: everything variable goes in parameters (arrays for batches), as drizzle's `sql` template
 * renders it.
 *
 * On the embedded database: db/embedded/prepared.ts, through PGlite's wire protocol.
 *
 * On PostgreSQL node-postgres does the same given a statement name: each pooled connection
 * prepares the statement on first use (on the hot pool, see useHotPool). A drizzle transaction
 * object runs it through `execute`.
 */
const dialect = new PgDialect();
/** As drizzle's `execute`: dates, times and intervals stay strings. */
const keepText = (value: string) => value;
/** As drizzle's `execute` on node-postgres: dates, times and intervals stay strings. */
const KEEP_TEXT_OIDS = new Set<number>([1184, 1114, 1082, 1186, 1231, 1115, 1185, 1187, 1182]);
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    KEEP_TEXT_OIDS.has(oid)
      ? keepText
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const pgNames = new Map<string, string>();

/** A stable name per statement text, the same in every process. */
function pgName(text: string): string {
  let name = pgNames.get(text);
  if (!name) {
    name = `orgbridge_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    pgNames.set(text, name);
  }
  return name;
}

function runOnPostgres(
  client: pg.Pool | pg.PoolClient,
  statement: SQL,
): Promise<{ rows: unknown[] }> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return client.query({ name: pgName(text), text, values: params, types: PG_TYPES });
}

const hotPools = new WeakMap<pg.Pool, pg.Pool>();

/**
 * PostgreSQL: a pool for `executeHot` on the database of `connectionString`. Its connections plan
 * each prepared statement once (`plan_cache_mode = force_generic_plan` for the whole session;
 * GENERIC_PLAN above says why) and run at READ COMMITTED, which the message journal's count
 * relies on (drizzle/0012_member_counts.sql). Both are startup parameters, added to any `options`
 * the URL already has. Only hot statements run there; drizzle's queries keep the defaults.
 */
export function createHotPool(connectionString: string, max: number): pg.Pool {
  const settings =
    '-c plan_cache_mode=force_generic_plan -c default_transaction_isolation=read\\ committed';
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Not a URL: node-postgres reads it otherwise, and then the config's own options apply.
    return new pg.Pool({ connectionString, max, options: settings });
  }
  const given = url.searchParams.get('options');
  url.searchParams.set('options', given ? `${given} ${settings}` : settings);
  return new pg.Pool({ connectionString: url.toString(), max });
}

/** `executeHot` on `pool`'s database runs on `hot` (createHotPool). */
export function useHotPool(pool: pg.Pool, hot: pg.Pool): void {
  hotPools.set(pool, hot);
}

/** Whether `db` is a database itself (PGlite or a node-postgres pool), not a transaction. */
export function isDatabase(db: Db): boolean {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client instanceof PGlite || client instanceof pg.Pool;
}

/** The embedded database itself: one in-process engine that runs statements one at a time. */
export function isPglite(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite;
}

/**
 * Runs `statement` like `db.execute` does (the result has `rows`), as a prepared statement when
 * `db` is the database itself (not a drizzle transaction).
 */
export async function executeHot(db: Db, statement: SQL): Promise<{ rows: unknown[] }> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    const { sql: text, params } = dialect.sqlToQuery(statement);
    return runOnPglite(client, text, params);
  }
  if (client instanceof pg.Pool) return runOnPostgres(hotPools.get(client) ?? client, statement);
  return db.execute(statement) as Promise<{ rows: unknown[] }>;
}
