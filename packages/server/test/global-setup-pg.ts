import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { bootstrap } from '../src/bootstrap';
import { openDatabase } from '../src/db/client';
import { TEST_ADMIN_PASSWORD, databaseUrl, withPgClient } from './test-db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's migrated, bootstrapped template database on TEST_DATABASE_URL's server. */
    pgTemplate: string;
  }
}

/**
 * Migrating and bootstrapping a database costs every test file hundreds of milliseconds: it is
 * done once per run into a template, and each file's database is a copy of it
 * (`create database … template …`, test-db.ts).
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the server-pg project');
  const started = performance.now();
  const name = `orgbridge_tpl_${randomBytes(6).toString('hex')}`;
  await withPgClient(adminUrl, (c) => c.query(`create database ${name}`));
  const database = await openDatabase({ databaseUrl: databaseUrl(adminUrl, name), poolSize: 2 });
  try {
    await database.migrate();
    await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
  } finally {
    await database.close();
  }
  project.provide('pgTemplate', name);
  console.log(
    `[server tests] PostgreSQL template ${name} ready in ${Math.round(performance.now() - started)} ms`,
  );
  return async () => {
    await withPgClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  };
}
