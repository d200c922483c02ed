import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { bootstrap } from '../src/bootstrap';
import { openDatabase, type Database } from '../src/db/client';

export const TEST_ADMIN_PASSWORD = 'admin-pass-123';

/** The `server-pg` project sets this; the `server` project always uses PGlite. */
export const usePostgres = () => process.env.ORGBRIDGE_TEST_DB === 'pg';

/**
 * A migrated, bootstrapped database of its own for one test file. PGlite starts from the
 * snapshot made once by global-setup (initdb costs seconds); PostgreSQL gets a copy of the run's
 * template database (global-setup-pg) that is dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  if (!usePostgres()) {
    const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
    return openDatabase({ pglite: await PGlite.create({ loadDataDir: snapshot }) });
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ databaseUrl: created.url, poolSize: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

/** `adminUrl` pointed at database `name`. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new migrated, bootstrapped PostgreSQL database on TEST_DATABASE_URL's server, for suites that
 * open it themselves (several apps sharing it, like separate processes): a copy of the run's
 * template when global setup made one, else created and migrated here.
 */
export async function createPostgresDatabase(
  opts: { name?: string } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the server-pg project');
  const name = opts.name ?? `orgbridge_t_${randomBytes(6).toString('hex')}`;
  const template = inject('pgTemplate');
  await withPgClient(adminUrl, (c) =>
    c.query(template ? `create database ${name} template ${template}` : `create database ${name}`),
  );
  const url = databaseUrl(adminUrl, name);
  if (!template) {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    try {
      await database.migrate();
      await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
    } finally {
      await database.close();
    }
  }
  return {
    name,
    url,
    drop: () =>
      withPgClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
        () => undefined,
      ),
  };
}

/** Runs `fn` on a short-lived connection to `url`. */
export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
