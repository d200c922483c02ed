// Issue 16 item 3: /readyz answers 503 naming the part that is not ready — PostgreSQL unreachable
// (database and change listener), the embedded database out of service after a PANIC (storage) —
// and 200 again once it is back, while /livez keeps answering 200 throughout.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap';
import { openDatabase, type Database } from '../src/db/client';
import { buildTestApp, type TestApp } from './build-test-app';
import { EMSCRIPTEN_ERRNO, FaultyNodeFS, type StorageFault } from './storage-fault';
import { appOnOwnDatabase, cutOff, dropDatabase, restore } from './own-pg-database';
import { TEST_ADMIN_PASSWORD, usePostgres } from './test-db';

const readyz = async (t: TestApp) => {
  const res = await t.app.inject({ method: 'GET', url: '/readyz' });
  return { status: res.statusCode, body: res.json() };
};
const livez = async (t: TestApp) =>
  (await t.app.inject({ method: 'GET', url: '/livez' })).statusCode;

describe.runIf(usePostgres())('/readyz with PostgreSQL unreachable', () => {
  const name = `orgbridge_t_readyz_${randomBytes(5).toString('hex')}`;
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    ({ database, t } = await appOnOwnDatabase(name));
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
    await dropDatabase(name);
  });

  it('answers 503 naming the database and the change listener, then 200 once it is back', async () => {
    await expect.poll(async () => (await readyz(t)).status, { timeout: 10_000 }).toBe(200);

    await cutOff(name);
    const started = Date.now();
    await expect
      .poll(async () => (await readyz(t)).body.failing, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['database', 'changeListener']));
    const down = await readyz(t);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.checks.database.reason).toMatch(/database not reachable/);
    expect(down.body.checks.changeListener.reason).toMatch(/change listener/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await livez(t)).toBe(200);

    await restore(name);
    await expect.poll(async () => (await readyz(t)).status, { timeout: 30_000 }).toBe(200);
  }, 60_000);
});

describe.runIf(!usePostgres())('/readyz with the embedded database out of service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgbridge-readyz-'));
  const fault: StorageFault = { errno: null };
  let database: Database;
  let t: TestApp;

  beforeAll(async () => {
    database = await openDatabase({
      dataDir,
      filesystem: (path) => new FaultyNodeFS(path, fault),
      reopenDelayMs: 200,
    });
    await database.migrate();
    await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
    t = await buildTestApp({ database });
  }, 60_000);

  afterAll(async () => {
    fault.errno = null;
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 naming the storage after a PANIC, then 200 once the engine is reopened', async () => {
    expect((await readyz(t)).status).toBe(200);

    await database.db.execute(sql`create table readyz_fill (v text)`);
    await database.db.execute(sql`insert into readyz_fill values ('before')`);
    fault.errno = EMSCRIPTEN_ERRNO.ENOSPC;
    // A commit whose WAL write fails is a PANIC (test/storage-fault.ts): the guard takes it out.
    await database.db.execute(sql`insert into readyz_fill values ('during')`).catch(() => {});
    expect(database.unavailable?.()).not.toBeNull();
    const down = await readyz(t);
    expect(down.status).toBe(503);
    expect(down.body.failing).toContain('storage');
    expect(down.body.checks.storage.reason).toMatch(/out of service/);
    expect(await livez(t)).toBe(200);

    fault.errno = null;
    await expect.poll(async () => (await readyz(t)).status, { timeout: 20_000 }).toBe(200);
  }, 60_000);
});
