import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client';

type Rows = { rows: unknown[] };

/** pg-boss's `db` option, plus a way to wait for the statements it has in flight. */
export interface BossDb extends PgBoss.Db {
  /** Resolves once no pg-boss statement is running (call after `boss.stop()`, before closing). */
  idle(): Promise<void>;
}

/** The driver object under our Drizzle instance: a PGlite or a node-postgres pool. */
function driverOf(database: Database): PGlite | pg.Pool {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite || client instanceof pg.Pool) return client;
  throw new Error(`jobs: unsupported database driver under the ${database.kind} database`);
}

const lastRows = (result: Rows | Rows[]): Rows =>
  Array.isArray(result) ? { rows: result.at(-1)?.rows ?? [] } : { rows: result.rows };

/**
 * pg-boss runs on the application's own connection: on PostgreSQL our pool (one connection budget
 * per process, one close path, the same code in tests and production), on the embedded database
 * PGlite. pg-boss sends several statements in one text without values (its schema creation,
 * migrations and maintenance, each wrapped in BEGIN … COMMIT); PGlite runs those through `exec`,
 * inside a PGlite transaction so that a failing statement is rolled back instead of leaving the
 * single shared session in an aborted transaction.
 */
export function createBossDb(database: Database): BossDb {
  const driver = driverOf(database);
  let inFlight = 0;
  let onIdle: (() => void)[] = [];

  async function run(text: string, values?: unknown[]): Promise<Rows> {
    if (driver instanceof PGlite) {
      if (values && values.length > 0) return driver.query(text, values);
      return driver.transaction(async (tx) => lastRows(await tx.exec(text)));
    }
    // node-postgres answers a multi-statement text with one result per statement.
    return lastRows((await driver.query(text, values)) as unknown as Rows | Rows[]);
  }

  return {
    async executeSql(text, values) {
      inFlight += 1;
      try {
        return await run(text, values);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) {
          const waiting = onIdle;
          onIdle = [];
          for (const resolve of waiting) resolve();
        }
      }
    },
    idle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve)),
  };
}
