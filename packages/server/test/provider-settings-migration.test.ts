import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap';
import { MIGRATIONS_FOLDER, openDatabase, type Database } from '../src/db/client';
import type { ConnectorTokenStore } from '../src/connectors/kit';
import { createSecretBox } from '../src/lib/secrets';
import { sealLegacyConfigs } from '../src/modules/third-app-config/third-app-config.legacy';
import { createThirdAppConfigService } from '../src/modules/third-app-config/third-app-config.service';
import { testConfig } from './build-test-app';
import { databaseUrl, TEST_ADMIN_PASSWORD, usePostgres, withPgClient } from './test-db';

/**
 * Issue 19 / decision 0008: migration 0018 moves the WeCom columns into one sealed JSON column
 * (settings_enc) keeping the data. A database whose rows were stored the old way (before 0018,
 * as a restored older backup has them) comes up with the same settings readable and no secret
 * in clear at rest.
 */

/** drizzle/ without migration 0018 and later: the schema as the previous version left it. */
function migrationsUpTo(lastTag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'orgbridge-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const key = randomBytes(32);
const box = createSecretBox(key);
const OLD = {
  agentId: 1000002,
  corpId: 'wwlegacy00000001',
  secret: 'legacy-app-secret-abcdefgh',
  contactSecret: 'legacy-contacts-secret-xyz9',
  callbackToken: 'LegacyToken42',
  encodingAesKey: 'L'.repeat(40) + 'abc',
};

const memoryTokens = (): ConnectorTokenStore => {
  const m = new Map<string, { token: string; expiresAt: number }>();
  return {
    get: async (k) => m.get(k) ?? null,
    set: async (k, v) => void m.set(k, v),
    invalidate: async (k) => void m.delete(k),
  };
};

describe(`migration 0018 keeps WeCom settings (${usePostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: Database;
  let drop = async () => {};
  let oldFolder: string;

  beforeAll(async () => {
    oldFolder = migrationsUpTo('0017_sync_exclusions');
    if (usePostgres()) {
      const admin = process.env.TEST_DATABASE_URL!;
      const name = `orgbridge_m_${randomBytes(6).toString('hex')}`;
      await withPgClient(admin, (c) => c.query(`create database ${name}`));
      drop = () =>
        withPgClient(admin, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
          () => undefined,
        );
      database = await openDatabase({ databaseUrl: databaseUrl(admin, name), poolSize: 2 });
      await migratePg(database.db as never, { migrationsFolder: oldFolder });
    } else {
      database = await openDatabase({ pglite: await PGlite.create() });
      await migratePglite(database.db as never, { migrationsFolder: oldFolder });
    }
    await bootstrap(database.db, { adminPassword: TEST_ADMIN_PASSWORD });
    // A row as the version before stored it: ids in columns, each secret sealed on its own.
    await database.db.execute(sql`
      insert into third_app_configs (tenant_id, third_type, agent_id, client_id, client_secret_enc,
        contact_secret_enc, callback_token_enc, encoding_aes_key_enc, enabled, sync_policy)
      values (0, 'wechat_enterprise', ${OLD.agentId}, ${OLD.corpId}, ${box.seal(OLD.secret)},
        ${box.seal(OLD.contactSecret)}, ${box.seal(OLD.callbackToken)},
        ${box.seal(OLD.encodingAesKey)}, true, ${JSON.stringify({ schedule: '0 2 * * *' })}::jsonb)`);
    // Now this version's migrations.
    await database.migrate();
  });
  afterAll(async () => {
    await database?.close();
    await drop();
    if (oldFolder) rmSync(oldFolder, { recursive: true, force: true });
  });

  const rows = async () =>
    (
      (await database.db.execute(
        sql`select * from third_app_configs where tenant_id = 0`,
      )) as unknown as { rows: Record<string, unknown>[] }
    ).rows;

  const service = () =>
    createThirdAppConfigService({
      db: database.db,
      config: testConfig({ secretKey: key }),
      box,
      tokens: memoryTokens(),
    });
  const ctx = { tenantId: 0, userId: 1 } as Parameters<ReturnType<typeof service>['get']>[0];

  it('the migration keys the row by its CorpID and keeps the old columns until the start seals them', async () => {
    const [row] = await rows();
    expect(row).toMatchObject({ account_key: OLD.corpId, settings_enc: null });
    // Read before the start sealed it: the same settings, from the legacy columns.
    const view = await service().get(ctx, 'wechat_enterprise');
    expect(view).toMatchObject({
      agentId: OLD.agentId,
      clientId: OLD.corpId,
      clientSecret: '******' + OLD.secret.slice(-4),
      callbackToken: OLD.callbackToken,
    });
  });

  it('the start seals the settings into settings_enc and clears the old columns, once', async () => {
    expect(await sealLegacyConfigs(database.db, box)).toBe(1);
    expect(await sealLegacyConfigs(database.db, box)).toBe(0);
    const [row] = await rows();
    expect(row).toMatchObject({
      account_key: OLD.corpId,
      agent_id: null,
      client_id: null,
      client_secret_enc: null,
      contact_secret_enc: null,
      callback_token_enc: null,
      encoding_aes_key_enc: null,
    });
    expect(String(row!.settings_enc)).toMatch(/^v1\./);
    expect(JSON.parse(box.open(String(row!.settings_enc)))).toEqual({
      agentId: OLD.agentId,
      clientId: OLD.corpId,
      clientSecret: OLD.secret,
      contactSecret: OLD.contactSecret,
      callbackToken: OLD.callbackToken,
      encodingAesKey: OLD.encodingAesKey,
    });
    // Nothing in clear at rest.
    const dump = JSON.stringify(row);
    for (const secret of [OLD.secret, OLD.contactSecret, OLD.callbackToken, OLD.encodingAesKey])
      expect(dump).not.toContain(secret);
    // The policy and the rest of the row are untouched.
    expect(row!.sync_policy).toEqual({ schedule: '0 2 * * *' });
  });

  it('the settings read back the same through the service, and the runtime gets them', async () => {
    const svc = service();
    const view = await svc.get(ctx, 'wechat_enterprise');
    expect(view).toMatchObject({
      agentId: OLD.agentId,
      clientId: OLD.corpId,
      clientSecret: '******' + OLD.secret.slice(-4),
      contactSecret: '******' + OLD.contactSecret.slice(-4),
      callbackToken: OLD.callbackToken,
      encodingAesKey: OLD.encodingAesKey,
    });
    const rt = await svc.runtime(0, 'wechat_enterprise');
    expect(rt.corpId).toBe(OLD.corpId);
    expect(rt.settings).toMatchObject({ clientSecret: OLD.secret, agentId: OLD.agentId });
  });

  it('unique (third_type, account_key) replaces the CorpID constraint', async () => {
    const constraints = (
      (await database.db.execute(
        sql`select conname from pg_constraint where conrelid = 'third_app_configs'::regclass`,
      )) as unknown as { rows: { conname: string }[] }
    ).rows.map((r) => r.conname);
    expect(constraints).toContain('third_app_configs_account_key_uq');
    expect(constraints).not.toContain('third_app_configs_client_id_uq');
    await database.db.execute(
      sql`insert into tenants (id, name, house_number) values (77, 'other', 'HN77mig')`,
    );
    await expect(
      database.db.execute(sql`
        insert into third_app_configs (tenant_id, third_type, account_key, settings_enc, sync_policy)
        values (77, 'wechat_enterprise', ${OLD.corpId}, 'x', '{}'::jsonb)`),
    ).rejects.toThrow();
  });
});
