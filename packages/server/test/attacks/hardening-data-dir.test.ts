import { chmod, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/start';

const root = await mkdtemp(join(tmpdir(), 'orgbridge-datadir-'));
const dataDir = join(root, 'data');
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const start = () =>
  startServer({
    dataDir,
    databaseUrl: '',
    port: 0,
    host: '127.0.0.1',
    adminPassword: 'admin-pass-123',
    logger: false,
    webDist: null,
    jobs: false,
    announce: () => {},
  });

/** DATA_DIR itself and everything in it, with the permission bits. */
async function modes(dir: string): Promise<{ path: string; mode: number }[]> {
  const here = { path: dir, mode: (await lstat(dir)).mode & 0o777 };
  const entries = await readdir(dir, { withFileTypes: true });
  const below = await Promise.all(
    entries.map(async (e) =>
      e.isDirectory()
        ? modes(join(dir, e.name))
        : [{ path: join(dir, e.name), mode: (await lstat(join(dir, e.name))).mode & 0o777 }],
    ),
  );
  return [here, ...below.flat()];
}

/** Entries that group or other may read, write or enter, as "0644 path". */
async function openToOthers(dir: string): Promise<string[]> {
  return (await modes(dir))
    .filter((e) => (e.mode & 0o077) !== 0)
    .map((e) => `${e.mode.toString(8).padStart(4, '0')} ${e.path.slice(root.length)}`);
}

// Creating an embedded database (initdb, every migration) takes a while on a shared machine.
describe(
  'DATA_DIR file modes (PRODUCT.md §7: DATA_DIR 0700, files 0600)',
  { timeout: 180_000 },
  () => {
    it('a fresh DATA_DIR: nothing in it is readable or writable by group or other', async () => {
      server = await start();
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      const all = await modes(dataDir);
      expect(all.length).toBeGreaterThan(100); // the embedded database really is in there
      expect(all.map((e) => e.path)).toContain(join(dataDir, 'secret.key'));
      expect(await openToOthers(dataDir)).toEqual([]);
      expect((await lstat(dataDir)).mode & 0o777).toBe(0o700);
      expect((await lstat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
      await server.close();
      server = undefined;
      expect(await openToOthers(dataDir)).toEqual([]);
    });

    it('an existing DATA_DIR with 0777 directories and 0666 files is fixed at start', async () => {
      for (const e of await modes(dataDir)) {
        const isDir = (await lstat(e.path)).isDirectory();
        await chmod(e.path, isDir ? 0o777 : 0o666);
      }
      expect((await openToOthers(dataDir)).length).toBeGreaterThan(100);
      server = await start();
      expect(await openToOthers(dataDir)).toEqual([]);
      // Owners keep what they had: the files are still the server's to read and write.
      expect((await lstat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    });
  },
);
