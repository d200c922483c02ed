import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { bootstrap } from '../src/bootstrap';
import { openDatabase } from '../src/db/client';
import { TEST_ADMIN_PASSWORD } from './test-db';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

/**
 * PGlite initdb costs ~10 s and hundreds of MB here, so it runs once per test run: migrate,
 * bootstrap, dump the data directory; every test file loads that dump (~3 s).
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await database.migrate();
  await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
  const dump = await pglite.dumpDataDir('none');
  const dir = await mkdtemp(join(tmpdir(), 'orgbridge-pglite-'));
  const file = join(dir, 'snapshot.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', file);
  console.log(
    `[server tests] PGlite snapshot ready in ${Math.round(performance.now() - started)} ms`,
  );
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
