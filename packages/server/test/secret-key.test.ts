import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, decodeSecretKey, loadConfig } from '../src/config';
import { openDatabase, type Db } from '../src/db/client';
import { DEFAULT_SYNC_POLICY, instanceSettings, thirdAppConfigs } from '../src/db/schema';
import { checkSecretKey } from '../src/lib/key-check';
import { createSecretBox } from '../src/lib/secrets';
import { startServer } from '../src/start';
import { openTestDatabase, usePostgres } from './test-db';

/**
 * Issue 13 item 4: a process started with another SECRET_KEY than the one the database was set up
 * with is refused at start (it would answer 500 on every WeCom call and fail scheduled jobs);
 * DATABASE_URL needs an explicit key; a malformed key is refused instead of decoded leniently.
 */

const root = await mkdtemp(join(tmpdir(), 'orgbridge-secret-key-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** What the thrown error says (never the key itself). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('not refused');
}

describe('decodeSecretKey: strict hex, base64 and base64url of at least 32 bytes', () => {
  const key = randomBytes(32);

  it('accepts hex, base64 (padded or not) and base64url', () => {
    expect(decodeSecretKey(key.toString('hex'))).toEqual(key);
    expect(decodeSecretKey(key.toString('hex').toUpperCase())).toEqual(key);
    expect(decodeSecretKey(key.toString('base64'))).toEqual(key);
    expect(decodeSecretKey(key.toString('base64').replace(/=+$/, ''))).toEqual(key);
    expect(decodeSecretKey(key.toString('base64url'))).toEqual(key);
    expect(decodeSecretKey(`  ${key.toString('base64')}\n`)).toEqual(key);
    const long = randomBytes(48);
    expect(decodeSecretKey(long.toString('base64'))).toEqual(long.subarray(0, 32));
  });

  it('refuses text that is neither (it used to decode leniently into another key)', () => {
    for (const bad of [
      'not base64!! but long enough to pass the length check easily, surely by now',
      `${key.toString('base64').slice(0, 20)}*${key.toString('base64').slice(21)}`,
      // both alphabets at once, misplaced padding, wrong padding length, non-zero trailing bits
      `${randomBytes(33).toString('base64url')}+/`,
      `${key.toString('base64').replace(/=+$/, '')}===`,
      `AB==${key.toString('base64')}`,
      randomBytes(32).toString('base64').replace(/.=$/, 'B='),
    ]) {
      const message = refusal(() => decodeSecretKey(bad));
      expect(message, bad).toMatch(/SECRET_KEY/);
      expect(message, bad).not.toContain(bad.trim());
    }
  });

  it('ignores line breaks and blanks inside the key (RFC 2045 wrapping), decoding the same bytes', () => {
    const b64 = key.toString('base64');
    expect(decodeSecretKey(`${b64.slice(0, 20)}\n${b64.slice(20)}\n`)).toEqual(
      decodeSecretKey(b64),
    );
    expect(decodeSecretKey(`${b64.slice(0, 20)} ${b64.slice(20)}`)).toEqual(decodeSecretKey(b64));
  });

  it('refuses fewer than 32 bytes', () => {
    expect(refusal(() => decodeSecretKey(randomBytes(31).toString('hex')))).toMatch(/32/);
    expect(refusal(() => decodeSecretKey(randomBytes(31).toString('base64')))).toMatch(/32/);
  });
});

describe('where the key comes from', () => {
  it('DATABASE_URL without SECRET_KEY or SECRET_KEY_FILE refuses, naming both', async () => {
    const dataDir = await mkdtemp(join(root, 'pg-nokey-'));
    const message = refusal(() =>
      loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:5432/x', DATA_DIR: dataDir }),
    );
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SECRET_KEY\b/);
    expect(message).toMatch(/SECRET_KEY_FILE/);
    // Each process would have generated its own key there.
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
  });

  it('SECRET_KEY_FILE names a key file, strictly decoded; a missing file is refused', async () => {
    const dataDir = await mkdtemp(join(root, 'pg-file-'));
    const key = randomBytes(32);
    const file = join(root, 'key-file');
    await writeFile(file, key.toString('base64') + '\n', { mode: 0o600 });
    const env = { DATABASE_URL: 'postgres://127.0.0.1:5432/x', DATA_DIR: dataDir };
    expect(loadConfig({ ...env, SECRET_KEY_FILE: file }).secretKey).toEqual(key);

    const missing = refusal(() => loadConfig({ ...env, SECRET_KEY_FILE: join(root, 'nope') }));
    expect(missing).toMatch(/SECRET_KEY_FILE/);
    expect(existsSync(join(root, 'nope'))).toBe(false);

    await writeFile(
      join(root, 'bad-file'),
      'not base64!! but long enough to pass the length check easily, surely by now\n',
    );
    const bad = refusal(() => loadConfig({ ...env, SECRET_KEY_FILE: join(root, 'bad-file') }));
    expect(bad).toMatch(/SECRET_KEY_FILE/);
  });

  it('SECRET_KEY and SECRET_KEY_FILE together are refused (which one is meant?)', async () => {
    const file = join(root, 'key-file-2');
    await writeFile(file, randomBytes(32).toString('hex'));
    const message = refusal(() =>
      loadConfig({ SECRET_KEY: randomBytes(32).toString('hex'), SECRET_KEY_FILE: file }),
    );
    expect(message).toMatch(/SECRET_KEY_FILE/);
  });

  it('the embedded database keeps generating DATA_DIR/secret.key', async () => {
    const dataDir = await mkdtemp(join(root, 'embedded-'));
    const first = loadConfig({ DATA_DIR: dataDir }).secretKey;
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir }).secretKey).toEqual(first);
  });

  it('a malformed DATA_DIR/secret.key is refused, naming the file', async () => {
    const dataDir = await mkdtemp(join(root, 'embedded-bad-'));
    await writeFile(
      join(dataDir, 'secret.key'),
      'not base64!! but long enough to pass the length check easily, surely by now',
    );
    expect(refusal(() => loadConfig({ DATA_DIR: dataDir }))).toMatch(/secret\.key/);
  });
});

/** A database of its own: a fresh PostgreSQL database, or a fresh embedded DATA_DIR. */
interface Target {
  options: { databaseUrl: string; dataDir: string };
  drop(): Promise<void>;
}

async function newTarget(): Promise<Target> {
  const dataDir = await mkdtemp(join(root, 'server-'));
  if (!usePostgres()) return { options: { databaseUrl: '', dataDir }, drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `orgbridge_key_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString(), dataDir },
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const start = (target: Target, key: Buffer) =>
  startServer({
    ...target.options,
    secretKey: key.toString('hex'),
    port: 0,
    host: '127.0.0.1',
    adminPassword: 'admin-pass-123',
    logger: false,
    webDist: null,
    jobs: false,
    announce: () => {},
  });

async function refusedStart(target: Target, key: Buffer): Promise<string> {
  const outcome = await start(target, key).then(
    (server) => server,
    (err: unknown) => err as Error,
  );
  if (!(outcome instanceof Error)) {
    await outcome.close();
    throw new Error('started with the wrong key');
  }
  expect(outcome).toBeInstanceOf(ConfigError);
  return outcome.message;
}

/** SQL on the target's database while no server holds it. */
async function withDb(target: Target, fn: (db: Db) => Promise<void>) {
  const database = await openDatabase(
    target.options.databaseUrl
      ? { databaseUrl: target.options.databaseUrl, poolSize: 1 }
      : { dataDir: target.options.dataDir },
  );
  try {
    await fn(database.db);
  } finally {
    await database.close();
  }
}

// Creating an embedded database (initdb, every migration) takes a while on a shared machine.
describe(
  `the key check at start (${usePostgres() ? 'PostgreSQL' : 'embedded'})`,
  { timeout: 180_000 },
  () => {
    let target: Target;
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    beforeAll(async () => {
      target = await newTarget();
    });
    afterAll(async () => {
      await target?.drop();
    });

    it('a second key is refused with a message naming SECRET_KEY; the first starts again', async () => {
      const first = await start(target, keyA);
      expect((await fetch(`${first.url}/health`)).status).toBe(200);
      await first.close();

      const message = await refusedStart(target, keyB);
      expect(message).toMatch(/SECRET_KEY/);
      expect(message).toMatch(/secret\.key/);
      expect(message).not.toContain(keyA.toString('hex'));
      expect(message).not.toContain(keyB.toString('hex'));

      const again = await start(target, keyA);
      expect((await fetch(`${again.url}/health`)).status).toBe(200);
      await again.close();
    });

    it('no check value yet but secrets sealed with another key: refused, and none stored', async () => {
      await withDb(target, async (db) => {
        const box = createSecretBox(keyA);
        await db.execute(sql`delete from instance_settings`);
        await db.insert(thirdAppConfigs).values({
          tenantId: 0,
          thirdType: 'wechat_enterprise',
          // A row as stored before migration 0018 (legacy columns), not moved yet.
          accountKey: 'wwkeycheck',
          legacyAgentId: 1000002,
          legacyClientId: 'wwkeycheck',
          legacyClientSecretEnc: box.seal('secret'),
          legacyCallbackTokenEnc: box.seal('token'),
          legacyEncodingAesKeyEnc: box.seal('a'.repeat(43)),
          syncPolicy: DEFAULT_SYNC_POLICY,
        });
      });
      expect(await refusedStart(target, keyB)).toMatch(/SECRET_KEY/);
      await withDb(target, async (db) => {
        expect(await db.select().from(instanceSettings)).toEqual([]);
      });
      // The right key opens them, stores the check value, and starts.
      const ok = await start(target, keyA);
      await ok.close();
      // That start also moved the row stored the old way into settings_enc (migration 0018).
      await withDb(target, async (db) => {
        const [row] = await db.select().from(thirdAppConfigs);
        expect(row?.legacyClientSecretEnc).toBeNull();
        expect(JSON.parse(createSecretBox(keyA).open(row!.settingsEnc!))).toMatchObject({
          clientId: 'wwkeycheck',
          clientSecret: 'secret',
          callbackToken: 'token',
        });
      });
      expect(await refusedStart(target, keyB)).toMatch(/SECRET_KEY/);
    });
  },
);

describe('two first starts with different keys at once', () => {
  it('store one check value: one key is accepted, the other refused', async () => {
    const database = await openTestDatabase();
    try {
      const keys = [randomBytes(32), randomBytes(32), randomBytes(32)];
      const outcomes = await Promise.allSettled(
        keys.map((k) => checkSecretKey(database.db, k, 'SECRET_KEY')),
      );
      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      expect(accepted).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConfigError);
      }
      expect(await database.db.select().from(instanceSettings)).toHaveLength(1);
      // The same key, concurrently and again, is accepted every time.
      const winner = keys[outcomes.findIndex((o) => o.status === 'fulfilled')]!;
      await Promise.all([1, 2, 3].map(() => checkSecretKey(database.db, winner)));
    } finally {
      await database.close();
    }
  });
});
