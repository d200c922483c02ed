import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { finished } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Log } from '../lib/log';
import { serverPackageRoot } from '../lib/package-root';
import { replyError, type ControlHandler } from './embedded-control';

/**
 * The backup file of the embedded database (`npm run backup`): one header line, one manifest
 * line (JSON), then the payload — PGlite's `dumpDataDir()` tarball of DATA_DIR/db, gzipped.
 *
 *     ORGBRIDGE-BACKUP 1
 *     {"format":1,"createdAt":…,"app":{…},"migrations":{…},"engine":{…},"payload":{size,sha256}}
 *     <tar.gz>
 *
 * Consistency: `dumpDataDir()` copies the files while holding PGlite's query lock, so no statement
 * runs during the copy — on a single-threaded engine that makes it an atomic snapshot of the
 * files. A transaction may be open between two of its statements; the copy is then what a crash
 * at that instant would leave (WAL written at every commit, data pages never ahead of the WAL),
 * and the restored engine's crash recovery keeps exactly the transactions committed before it.
 * A CHECKPOINT first keeps that recovery short. The payload's SHA-256 lets restore refuse a
 * corrupt or truncated file before touching anything.
 */
export const BACKUP_MAGIC = 'ORGBRIDGE-BACKUP';
export const BACKUP_FORMAT = 1;
/** The manifest line is small; a longer one means this is not a backup. */
const MAX_MANIFEST_BYTES = 64 * 1024;

export interface BackupManifest {
  format: number;
  createdAt: string;
  app: { version: string };
  /** drizzle's `__drizzle_migrations`: how many, and the newest one's journal time and tag. */
  migrations: { count: number; lastCreatedAt: number | null; lastTag: string | null };
  /** PostgreSQL inside PGlite (`server_version`): a data directory opens only on its major. */
  engine: { postgres: string };
  payload: { encoding: 'tar+gzip'; size: number; sha256: string };
}

/** A bad backup file or one this version cannot restore; the message says which and why. */
export class BackupFileError extends Error {
  override readonly name = 'BackupFileError';
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** This installation's migrations (drizzle/meta/_journal.json), oldest first. */
export function localMigrations(): JournalEntry[] {
  const journal = JSON.parse(
    readFileSync(join(serverPackageRoot(), 'drizzle', 'meta', '_journal.json'), 'utf8'),
  ) as { entries: JournalEntry[] };
  return journal.entries;
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(serverPackageRoot(), 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/** Migrations applied to the database `client` opens (none when it was never migrated). */
export async function appliedMigrations(client: PGlite): Promise<BackupManifest['migrations']> {
  const { rows } = await client
    .query<{ count: number; last: string | null }>(
      `select count(*)::int as count, max(created_at)::text as last
       from drizzle.__drizzle_migrations
      where to_regclass('drizzle.__drizzle_migrations') is not null`,
    )
    .catch(() => ({ rows: [{ count: 0, last: null }] }));
  const last = rows[0]?.last ? Number(rows[0].last) : null;
  const tag = last === null ? null : (localMigrations().find((m) => m.when === last)?.tag ?? null);
  return { count: rows[0]?.count ?? 0, lastCreatedAt: last, lastTag: tag };
}

/** A complete backup file of the database `client` has open, taken while it serves. */
export async function createBackup(client: PGlite): Promise<Buffer> {
  const migrations = await appliedMigrations(client);
  const version = await client.query<{ server_version: string }>('show server_version');
  await client.query('checkpoint');
  const tarball = await client.dumpDataDir('none');
  // Compressed outside PGlite's lock (its 'gzip' option compresses while holding it).
  const payload = await promisify(gzip)(Buffer.from(await tarball.arrayBuffer()));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    app: { version: appVersion() },
    migrations,
    engine: { postgres: version.rows[0]?.server_version ?? '?' },
    payload: {
      encoding: 'tar+gzip',
      size: payload.length,
      sha256: createHash('sha256').update(payload).digest('hex'),
    },
  };
  return Buffer.concat([
    Buffer.from(`${BACKUP_MAGIC} ${BACKUP_FORMAT}\n${JSON.stringify(manifest)}\n`),
    payload,
  ]);
}

function corrupt(zh: string, en: string): BackupFileError {
  return new BackupFileError(
    `这个备份文件损坏或不完整（${zh}），无法恢复。请换一个完好的备份文件（例如重新复制一次）。\n` +
      `This backup file is corrupt or incomplete (${en}) and cannot be restored. Use an intact backup file (copy it again, for example).`,
  );
}

function isManifest(m: unknown): m is BackupManifest {
  const x = m as BackupManifest;
  return (
    typeof x?.format === 'number' &&
    typeof x.createdAt === 'string' &&
    typeof x.app?.version === 'string' &&
    typeof x.migrations?.count === 'number' &&
    typeof x.payload?.size === 'number' &&
    typeof x.payload.sha256 === 'string'
  );
}

/**
 * Checks a backup file's header, manifest, length and checksum; returns the manifest and the
 * payload (still compressed). Throws BackupFileError naming what is wrong.
 */
export function parseBackup(file: Buffer): { manifest: BackupManifest; payload: Buffer } {
  const first = file.indexOf(0x0a);
  const head = first < 0 ? '' : file.subarray(0, first).toString('latin1');
  const match = /^ORGBRIDGE-BACKUP (\d+)$/.exec(head);
  if (!match) {
    throw new BackupFileError(
      '这不是 OrgBridge 的备份文件（开头没有 ORGBRIDGE-BACKUP）。请给出 `npm run backup` 生成的文件。\n' +
        'This is not an OrgBridge backup file (it does not start with ORGBRIDGE-BACKUP). Give a file made by `npm run backup`.',
    );
  }
  if (Number(match[1]) > BACKUP_FORMAT) throw newerFormat(Number(match[1]));
  const second = file.indexOf(0x0a, first + 1);
  if (second < 0 || second - first > MAX_MANIFEST_BYTES) {
    throw corrupt('说明行不完整', 'the manifest line is cut off');
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(file.subarray(first + 1, second).toString('utf8'));
  } catch {
    manifest = undefined;
  }
  if (!isManifest(manifest)) throw corrupt('说明行无法解析', 'the manifest line does not parse');
  const payload = file.subarray(second + 1);
  if (payload.length !== manifest.payload.size) {
    throw corrupt(
      `数据应有 ${manifest.payload.size} 字节，实际 ${payload.length} 字节`,
      `the data should be ${manifest.payload.size} bytes, it is ${payload.length}`,
    );
  }
  if (createHash('sha256').update(payload).digest('hex') !== manifest.payload.sha256) {
    throw corrupt('校验和不符', 'the checksum does not match');
  }
  return { manifest, payload };
}

function newerFormat(format: number): BackupFileError {
  return new BackupFileError(
    `这个备份来自更新版本的 OrgBridge（备份格式 ${format}，本版本只认识 ${BACKUP_FORMAT}）。请用与备份相同或更新的版本恢复。\n` +
      `This backup is from a newer version of OrgBridge (backup format ${format}; this version reads up to ${BACKUP_FORMAT}). Restore it with the same or a newer version.`,
  );
}

/**
 * Refuses a backup whose database has migrations this installation does not know: it would
 * start on a schema it does not understand. An older backup is fine (the next start migrates it).
 */
export function checkNotNewer(manifest: BackupManifest): void {
  const local = localMigrations();
  const newestLocal = Math.max(...local.map((m) => m.when));
  const last = manifest.migrations.lastCreatedAt;
  if (manifest.migrations.count > local.length || (last !== null && last > newestLocal)) {
    throw new BackupFileError(
      `这个备份来自更新版本的 OrgBridge（${manifest.app.version}，数据库迁移 ${manifest.migrations.lastTag ?? manifest.migrations.count}），本版本是 ${appVersion()}（迁移到 ${local.at(-1)?.tag}）。请先安装与备份相同或更新的版本再恢复。\n` +
        `This backup is from a newer version of OrgBridge (${manifest.app.version}, database migration ${manifest.migrations.lastTag ?? manifest.migrations.count}); this is ${appVersion()} (migrations up to ${local.at(-1)?.tag}). Install the same or a newer version first, then restore.`,
    );
  }
}

/** The tarball inside a checked payload. */
export async function unpackPayload(payload: Buffer): Promise<Buffer> {
  try {
    return await promisify(gunzip)(payload);
  } catch {
    throw corrupt('数据无法解压', 'the data does not decompress');
  }
}

/**
 * The control socket's `backup` request (db/embedded-control.ts): answers with a whole backup
 * file of the running database. One at a time: each holds a copy of the database in memory.
 */
export function backupHandler(client: PGlite, log: Log): ControlHandler {
  let busy = false;
  return async (request, socket) => {
    if (request.op !== 'backup') {
      return replyError(socket, 'unknown_op', `unknown request ${JSON.stringify(request.op)}`);
    }
    if (busy) {
      return replyError(socket, 'busy', 'a backup is being taken already; try again when it ends');
    }
    busy = true;
    try {
      const t0 = performance.now();
      const file = await createBackup(client);
      socket.end(file);
      await finished(socket);
      log.info(
        { bytes: file.length, ms: Math.round(performance.now() - t0) },
        'embedded database backup sent',
      );
    } finally {
      busy = false;
    }
  };
}
