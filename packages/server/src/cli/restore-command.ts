import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { decodeSecretKey, readSecretKeyFile, type Env } from '../config';
import {
  appliedMigrations,
  checkNotNewer,
  localMigrations,
  parseBackup,
  unpackPayload,
  type BackupManifest,
} from '../db/embedded-backup';
import { CONTROL_SOCKET, claimDataDir, controlStatus } from '../db/embedded-control';
import { SECRET_KEY_CHECK, opensCheckValue } from '../lib/key-check';
import { restrictToOwner } from '../lib/owner-only';
import { CommandError, refusePostgres } from './command-error';

/** Left by a restore that was killed: not data, removed by the next restore. */
const TEMP_PREFIX = '.restore-';
/** What an "empty" DATA_DIR may hold: the operator may put the original key in first. */
const ALLOWED = new Set(['secret.key']);

/**
 * `npm run restore -- <file>`: the backup into an empty DATA_DIR. Nothing is written until the
 * file is known good; the database is built in DATA_DIR/.restore-<pid> and renamed to
 * DATA_DIR/db when it has opened and been checked, so DATA_DIR never holds half a database.
 */
export async function runRestore(env: Env, fileArg: string, cwd: string): Promise<string> {
  if (env.DATABASE_URL) refusePostgres('restore');
  const dataDir = resolve(env.DATA_DIR);
  const file = resolve(cwd, fileArg);
  const bytes = readBackupFile(file);
  const { manifest, payload } = parseBackup(bytes);
  checkNotNewer(manifest);
  const tarball = await unpackPayload(payload);
  const key = findSecretKey(env, dataDir);

  const owner = await controlStatus(dataDir);
  if (owner) {
    throw new CommandError(
      `DATA_DIR（${dataDir}）正被运行中的 OrgBridge 进程使用（pid ${owner.pid}，${owner.role}）。恢复只能写入空的 DATA_DIR：请先停止它，并恢复到一个新的空目录。`,
      `DATA_DIR (${dataDir}) is in use by a running OrgBridge process (pid ${owner.pid}, ${owner.role}). Restore writes into an empty DATA_DIR only: stop it, and restore into a new, empty directory.`,
    );
  }
  refuseNonEmpty(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const control = await claimDataDir(dataDir, 'restore');
  const temp = join(dataDir, `${TEMP_PREFIX}${process.pid}`);
  try {
    refuseNonEmpty(dataDir); // again, under the lock: a server may have started meanwhile
    for (const name of readdirSync(dataDir)) {
      if (name.startsWith(TEMP_PREFIX))
        rmSync(join(dataDir, name), { recursive: true, force: true });
    }
    mkdirSync(temp, { mode: 0o700 });
    await loadAndCheck(temp, tarball, manifest, key);
    restrictToOwner(temp);
    renameSync(temp, join(dataDir, 'db'));
    restrictToOwner(dataDir);
  } finally {
    rmSync(temp, { recursive: true, force: true });
    await control.close();
  }
  return summary(dataDir, manifest, key);
}

function readBackupFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new CommandError(
      `无法读取备份文件 ${file}（${code}）。请检查路径和权限。`,
      `Cannot read the backup file ${file} (${code}). Check the path and permissions.`,
    );
  }
}

function refuseNonEmpty(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const extra = readdirSync(dataDir).filter(
    (n) => !ALLOWED.has(n) && n !== CONTROL_SOCKET && !n.startsWith(TEMP_PREFIX),
  );
  if (extra.length === 0) return;
  const shown = extra.slice(0, 5).join(', ') + (extra.length > 5 ? ', …' : '');
  throw new CommandError(
    `DATA_DIR（${dataDir}）不是空的（有 ${shown}）。恢复不会覆盖已有数据：请指定一个新的空目录作为 DATA_DIR（其中可以先放好原来的 secret.key）。`,
    `DATA_DIR (${dataDir}) is not empty (it holds ${shown}). Restore never overwrites data: set DATA_DIR to a new, empty directory (it may already hold the original secret.key).`,
  );
}

/** The key a server started with this environment would use, or null when it would make one. */
function findSecretKey(env: Env, dataDir: string): { key: Buffer; source: string } | null {
  if (env.SECRET_KEY) return { key: decodeSecretKey(env.SECRET_KEY), source: 'SECRET_KEY' };
  if (env.SECRET_KEY_FILE) {
    const path = resolve(env.SECRET_KEY_FILE);
    return { key: readSecretKeyFile(path), source: `SECRET_KEY_FILE (${path})` };
  }
  const generated = join(dataDir, 'secret.key');
  if (!existsSync(generated)) return null;
  return {
    key: decodeSecretKey(readFileSync(generated, 'utf8'), `DATA_DIR/secret.key (${generated})`),
    source: `DATA_DIR/secret.key (${generated})`,
  };
}

/** Opens the backup's database in `dir` (crash recovery runs here), checks it, shuts it down. */
async function loadAndCheck(
  dir: string,
  tarball: Buffer,
  manifest: BackupManifest,
  key: { key: Buffer; source: string } | null,
): Promise<void> {
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir, { loadDataDir: new Blob([tarball]) });
  } catch (err) {
    throw new CommandError(
      `备份里的数据库无法打开（备份来自 PostgreSQL ${manifest.engine.postgres}）：${String(err)}。请用生成该备份的 OrgBridge 版本恢复。`,
      `The database in the backup does not open (it is from PostgreSQL ${manifest.engine.postgres}): ${String(err)}. Restore it with the OrgBridge version that made it.`,
    );
  }
  try {
    const applied = await appliedMigrations(pg);
    if (applied.count !== manifest.migrations.count) {
      throw new CommandError(
        `备份里的数据库与其说明不符（迁移数 ${applied.count}，说明写的是 ${manifest.migrations.count}）。`,
        `The database in the backup does not match its manifest (${applied.count} migrations, the manifest says ${manifest.migrations.count}).`,
      );
    }
    if (key) await checkKey(pg, key);
  } finally {
    await pg.close();
  }
}

/** Refuses a key that cannot open the backup's sealed secrets: the server would not start. */
async function checkKey(pg: PGlite, key: { key: Buffer; source: string }): Promise<void> {
  const { rows } = await pg
    .query<{ value: string }>(`select value from instance_settings where key = $1`, [
      SECRET_KEY_CHECK,
    ])
    .catch(() => ({ rows: [] as { value: string }[] }));
  const sealed = rows[0]?.value;
  if (sealed === undefined || opensCheckValue(key.key, sealed)) return;
  throw new CommandError(
    `${key.source} 的密钥不是这个备份所用的密钥：备份里的企业微信 Secret 等是用原来的 SECRET_KEY 加密的，用这个密钥服务器会拒绝启动。请提供原来的密钥（SECRET_KEY、SECRET_KEY_FILE，或把原来的 DATA_DIR/secret.key 复制进新的 DATA_DIR）后再恢复。`,
    `The key from ${key.source} is not the key of this backup: the WeCom Secrets and keys in it are sealed with the original SECRET_KEY, and with this key the server would refuse to start. Give the original key (SECRET_KEY, SECRET_KEY_FILE, or the original DATA_DIR/secret.key copied into the new DATA_DIR), then restore again.`,
  );
}

function summary(
  dataDir: string,
  m: BackupManifest,
  key: { key: Buffer; source: string } | null,
): string {
  const local = localMigrations();
  const behind = local.length - m.migrations.count;
  const lines = [
    `恢复完成：${join(dataDir, 'db')}（备份时间 ${m.createdAt}，OrgBridge ${m.app.version}）。`,
    `Restored into ${join(dataDir, 'db')} (backup of ${m.createdAt}, OrgBridge ${m.app.version}).`,
  ];
  if (behind > 0) {
    lines.push(
      `下次启动会把数据库迁移到当前版本（还差 ${behind} 个迁移）。/ The next start migrates it forward (${behind} migration(s) to apply).`,
    );
  }
  lines.push(
    key
      ? `密钥检查通过（${key.source}）。/ The key from ${key.source} opens the backup's secrets.`
      : `注意：备份不含 SECRET_KEY。启动前请提供原来的密钥：设置 SECRET_KEY 或 SECRET_KEY_FILE，或把原来的 DATA_DIR/secret.key 复制到 ${join(dataDir, 'secret.key')}；否则会生成新密钥，服务器将拒绝启动。\n` +
          `Note: SECRET_KEY is not in the backup. Before starting, give the original key: set SECRET_KEY or SECRET_KEY_FILE, or copy the original DATA_DIR/secret.key to ${join(dataDir, 'secret.key')}; otherwise a new key is generated and the server refuses to start.`,
  );
  return lines.join('\n');
}
