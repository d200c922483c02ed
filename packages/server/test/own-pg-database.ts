import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client';
import { buildTestApp, type TestApp } from './build-test-app';
import { createPostgresDatabase } from './test-db';

/**
 * Tests that take a PostgreSQL database away (connections refused, backends terminated) need one
 * of their own, apart from the shared per-file test database: these helpers create it, cut it
 * off, and drop it.
 */
const adminUrl = () => process.env.TEST_DATABASE_URL ?? '';

/** Runs `fn` on a short-lived connection to TEST_DATABASE_URL's database. */
export async function asAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** TEST_DATABASE_URL pointed at database `name`. */
export function urlOf(name: string): URL {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url;
}

export const createDatabase = (name: string) =>
  asAdmin((c) => c.query(`create database ${name}`)).then(() => undefined);

export const dropDatabase = (name: string) =>
  asAdmin(async (c) => {
    await c.query(`alter database ${name} allow_connections true`);
    await c.query(`drop database if exists ${name} with (force)`);
  });

/** Refuses new connections to `name` and ends the ones it has: PostgreSQL down for its users. */
export const cutOff = (name: string) =>
  asAdmin(async (c) => {
    await c.query(`alter database ${name} allow_connections false`);
    await c.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
  });

export const restore = (name: string) =>
  asAdmin((c) => c.query(`alter database ${name} allow_connections true`)).then(() => undefined);

/** A migrated, bootstrapped database `name` of its own and an app on it (close both, then drop). */
export async function appOnOwnDatabase(name: string): Promise<{ database: Database; t: TestApp }> {
  await createPostgresDatabase({ name });
  const database = await openDatabase({ databaseUrl: urlOf(name).toString(), poolSize: 3 });
  const t = await buildTestApp({ database: { ...database, close: async () => {} } });
  return { database, t };
}
