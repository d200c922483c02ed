import {
  httpCaller,
  spawnServer,
  startNode,
  withWeComTenant,
  type Caller,
  type ServerProcess,
} from '@orgbridge/test-world';
// Issue 16 item 6 (PRODUCT.md §10): `npm run backup` takes a consistent copy of the embedded
// database while the server keeps serving; `npm run restore` puts it into an empty DATA_DIR only,
// and a server started there has the tenant, its members and bindings, and the message log.
// The refusals: a DATA_DIR in use or not empty, a corrupt or truncated file, a backup from a newer
// version, a key that does not open the backup's secrets, and PostgreSQL (pg_dump's business).
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '../src/cli/backup-command';
import { runRestore } from '../src/cli/restore-command';
import { parseEnv } from '../src/config';
import { claimDataDir } from '../src/db/embedded-control';
import { usePostgres } from './test-db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- envelope results are asserted field by field
type Any = any;

const ADMIN_PASSWORD = 'Backup-admin-1';
const SECRET_KEY = randomBytes(32).toString('hex');
/** What the server and the backup and restore commands share besides DATA_DIR. */
const ENV = { SECRET_KEY_FILE: '', LOG_LEVEL: 'info', SHUTDOWN_GRACE_S: '5' };

/** `server.js backup|restore <file>`, as `npm run backup -- <file>` runs it. */
async function command(
  name: 'backup' | 'restore',
  file: string,
  dataDir: string,
): Promise<{ code: number | null; output: string }> {
  const child = startNode(['packages/server/src/server.ts', name, file], {
    ...ENV,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    ADMIN_PASSWORD,
    SECRET_KEY,
  });
  const code = await child.exited;
  return {
    code,
    output: child
      .lines()
      .map((l) => l.text)
      .join('\n'),
  };
}

describe.runIf(!usePostgres())('backup and restore of the embedded database', () => {
  const root = mkdtempSync(join(tmpdir(), 'orgbridge-backup-'));
  const dirA = join(root, 'a');
  const dirB = join(root, 'b');
  const file = join(root, 'orgbridge.backup');
  let sim: Simulator;
  let server: ServerProcess | undefined;
  const call: Caller = (...args) => httpCaller(server!.url)(...args);
  const start = (dataDir: string) =>
    spawnServer({
      simUrl: sim.url,
      dataDir,
      adminPassword: ADMIN_PASSWORD,
      secretKey: SECRET_KEY,
      env: ENV,
    });

  beforeAll(async () => {
    sim = await startSimulator({ users: 30, departments: 4, seed: 16, latencyMs: 0 });
  });

  afterAll(async () => {
    await server?.kill();
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const stop = async () => {
    expect(await server!.terminate()).toBe(0);
    server = undefined;
  };

  it('round-trips a synced tenant and its message log taken while the server serves', async () => {
    const t0 = Date.now();
    server = await start(dirA);
    console.info(`server up in ${Date.now() - t0} ms`);
    const login = async (username: string, password: string) => {
      const res = await call('POST', '/sys/login', { username, password });
      expect(res.status, res.body?.message).toBe(200);
      return res.body.result.token as string;
    };
    const adminToken = await login('admin', ADMIN_PASSWORD);
    const { tenant, admin } = await withWeComTenant({ call, adminToken }, sim);
    const as = { token: admin.token };

    const run = await call(
      'POST',
      '/sys/thirdApp/sync/run',
      { thirdType: 'wechat_enterprise' },
      as,
    );
    expect(run.status, run.body?.message).toBe(200);
    await expect
      .poll(
        async () =>
          (await call('GET', `/sys/thirdApp/sync/runs/${run.body.result.runId}`, undefined, as))
            .body.result.status,
        { timeout: 30_000, interval: 100 },
      )
      .toBe('succeeded');
    const send = (content: string) =>
      call('POST', '/sys/thirdApp/messages', { msgtype: 'text', content, toAll: true }, as);
    const first = await send('before the backup');
    expect(first.status, first.body?.message).toBe(200);

    const snapshot = async () => ({
      users: (await call('GET', '/sys/user/list?pageSize=100', undefined, as)).body.result,
      bindings: (await call('GET', '/sys/thirdApp/bindings?pageSize=100', undefined, as)).body
        .result,
      tree: (await call('GET', '/sys/depart/tree', undefined, as)).body.result,
    });
    const before = await snapshot();
    console.info(`synced and sent at ${Date.now() - t0} ms`);
    expect(before.bindings.total).toBeGreaterThan(20);

    // Sends keep going while the backup is taken; every one of them succeeds.
    let backingUp = true;
    const during: { id: number; at: number }[] = [];
    const sender = (async () => {
      for (let i = 0; backingUp; i++) {
        const res = await send(`during the backup #${i}`);
        expect(res.status, res.body?.message).toBe(200);
        during.push({ id: res.body.result.messageId, at: Date.now() });
      }
    })();
    const startedAt = Date.now();
    const backup = await command('backup', file, dirA);
    const endedAt = Date.now();
    backingUp = false;
    await sender;
    console.info(
      `backup in ${endedAt - startedAt} ms, ${during.length} sends meanwhile; restore next`,
    );
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/taken by the running server/);
    expect(during.filter((d) => d.at > startedAt && d.at < endedAt).length).toBeGreaterThan(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(root).filter((n) => n.includes('.tmp'))).toEqual([]);

    // A running server's DATA_DIR is neither restored into nor opened by a second process.
    await expect(runRestore(parseEnv({ DATA_DIR: dirA }), file, root)).rejects.toThrow(
      /in use by a running OrgBridge process/,
    );
    await expect(claimDataDir(dirA, 'server')).rejects.toThrow(/in use by another OrgBridge/);
    const kept = new Map<number, Any>();
    for (const id of [
      first.body.result.messageId,
      ...during.filter((x) => x.at < startedAt).map((d) => d.id),
    ]) {
      const detail = (await call('GET', `/sys/thirdApp/messages/${id}`, undefined, as)).body.result;
      expect(detail.msgIds.length, JSON.stringify(detail)).toBeGreaterThan(0);
      kept.set(id, detail);
    }
    await stop();

    const t1 = Date.now();
    const restored = await command('restore', file, dirB);
    console.info(`restore in ${Date.now() - t1} ms`);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toMatch(/Restored into/);
    expect(readdirSync(dirB).sort()).toEqual(['db']);

    server = await start(dirB);
    admin.token = await login(admin.username, admin.password);
    expect(await snapshot()).toEqual(before);
    // Sends that finished before the backup began are in it, each whole; later ones may be.
    const message = async (id: number) =>
      (await call('GET', `/sys/thirdApp/messages/${id}`, undefined, as)).body.result;
    for (const [id, detail] of kept) expect(await message(id), `message ${id}`).toEqual(detail);
    const log = await call('GET', '/sys/thirdApp/messages?pageSize=1', undefined, as);
    expect(log.body.result.total).toBeGreaterThanOrEqual(kept.size);
    expect(log.body.result.total).toBeLessThanOrEqual(1 + during.length);
    expect(await call('GET', '/sys/tenant/members?pageSize=1', undefined, as)).toMatchObject({
      status: 200,
    });
    expect(tenant.id).toBeGreaterThan(0);
    await stop();
  }, 120_000);

  describe('refusals (no file is written, nothing is left behind)', () => {
    beforeAll(() => server?.kill());
    const env = (dataDir: string, extra: Record<string, string> = {}) =>
      parseEnv({ DATA_DIR: dataDir, SECRET_KEY, ...extra });
    const fresh = () => mkdtempSync(join(root, 'empty-'));
    const restore = (bytes: Buffer, dataDir = fresh(), extra: Record<string, string> = {}) => {
      const path = join(root, `variant-${randomBytes(4).toString('hex')}`);
      writeFileSync(path, bytes);
      return runRestore(env(dataDir, extra), path, root);
    };

    it('a DATA_DIR that is not empty', async () => {
      await expect(runRestore(env(dirB), file, root)).rejects.toThrow(
        /is not empty \(it holds db\)/,
      );
    });

    it('a corrupt, truncated or foreign file', async () => {
      const good = readFileSync(file);
      const flipped = Buffer.from(good);
      flipped[flipped.length - 100]! ^= 0xff;
      const target = fresh();
      await expect(restore(flipped, target)).rejects.toThrow(/corrupt or incomplete.*checksum/);
      await expect(restore(good.subarray(0, good.length / 2))).rejects.toThrow(
        /corrupt or incomplete \(the data should be \d+ bytes, it is \d+\)/,
      );
      await expect(restore(Buffer.from('PGDMP\0\0binary'))).rejects.toThrow(
        /not an OrgBridge backup/,
      );
      expect(readdirSync(target)).toEqual([]);
    });

    it('a backup from a newer version', async () => {
      const good = readFileSync(file).toString('latin1');
      const [magic, manifest, ...rest] = good.split('\n');
      const newer = JSON.parse(manifest!);
      newer.migrations.count += 1;
      newer.migrations.lastCreatedAt += 1;
      newer.migrations.lastTag = '0099_future';
      const bytes = Buffer.from([magic, JSON.stringify(newer), ...rest].join('\n'), 'latin1');
      await expect(restore(bytes)).rejects.toThrow(/from a newer version of OrgBridge/);
    });

    it('a key that does not open the backup: refused, the DATA_DIR stays empty', async () => {
      const target = fresh();
      const other = randomBytes(32).toString('hex');
      await expect(restore(readFileSync(file), target, { SECRET_KEY: other })).rejects.toThrow(
        /SECRET_KEY is not the key of this backup/,
      );
      expect(readdirSync(target)).toEqual([]);
      // No key at all: restored, with the warning that the original key is needed to start.
      const out = await runRestore(parseEnv({ DATA_DIR: fresh() }), file, root);
      expect(out).toMatch(/SECRET_KEY is not in the backup/);
    });

    it('PostgreSQL: points to pg_dump and pg_restore', async () => {
      const pg = env(fresh(), { DATABASE_URL: 'postgres://orgbridge@127.0.0.1:5432/orgbridge' });
      await expect(runBackup(pg, join(root, 'pg.backup'), root)).rejects.toThrow(/pg_dump -Fc/);
      await expect(runRestore(pg, file, root)).rejects.toThrow(/pg_restore/);
      expect(existsSync(join(root, 'pg.backup'))).toBe(false);
    });
  });
});
