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
 * snapshot made once by global-setup (initdb costs seconds); PostgreSQL gets a fresh database
 * that is dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  if (!usePostgres()) {
    const snapshot = new Blob([await readFile(inject('pgliteSnapshot'))]);
    return openDatabase({ pglite: await PGlite.create({ loadDataDir: snapshot }) });
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the server-pg project');
  const name = `orgbridge_t_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await database.migrate();
  await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
  return {
    ...database,
    async close() {
      await database.close();
      await withClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
