import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Env } from '../config';
import { createBackup, parseBackup, type BackupManifest } from '../db/embedded-backup';
import { claimDataDir, connectControl, readLine } from '../db/embedded-control';
import { restrictToOwner } from '../lib/owner-only';
import { CommandError, refusePostgres } from './command-error';

/**
 * `npm run backup -- <file>`: a consistent copy of the embedded database. A server running on
 * DATA_DIR takes it (through its control socket: PGlite allows one process); without one, this
 * process opens DATA_DIR itself, holding the same lock a server would.
 */
export async function runBackup(env: Env, fileArg: string, cwd: string): Promise<string> {
  if (env.DATABASE_URL) refusePostgres('backup');
  const dataDir = resolve(env.DATA_DIR);
  const file = resolve(cwd, fileArg);
  const inDb = relative(join(dataDir, 'db'), file);
  if (inDb === '' || (!inDb.startsWith('..') && !isAbsolute(inDb))) {
    throw new CommandError(
      `备份文件不能放在数据库目录 ${join(dataDir, 'db')} 里面。请换一个位置。`,
      `The backup file cannot go inside the database directory ${join(dataDir, 'db')}. Choose another place.`,
    );
  }
  if (!existsSync(dirname(file))) {
    throw new CommandError(
      `目录 ${dirname(file)} 不存在。请先创建它，或换一个路径。`,
      `The directory ${dirname(file)} does not exist. Create it first or give another path.`,
    );
  }
  const fromServer = await backupFromServer(dataDir);
  const bytes = fromServer ?? (await backupOffline(dataDir));
  // What arrived is checked like restore will check it: a cut-off transfer never becomes <file>.
  const { manifest } = parseBackup(bytes);
  writeAtomically(file, bytes);
  return summary(file, bytes.length, manifest, fromServer !== null);
}

/** The backup file from the server owning `dataDir`; null when no server runs there. */
async function backupFromServer(dataDir: string): Promise<Buffer | null> {
  let socket;
  try {
    socket = await connectControl(dataDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new CommandError(
      `无法连接 ${dataDir} 里运行中服务器的控制套接字（${code}）。请用拥有 DATA_DIR 的那个系统用户运行本命令。`,
      `Cannot reach the control socket of the server running on ${dataDir} (${code}). Run this command as the system user that owns DATA_DIR.`,
    );
  }
  if (!socket) return null;
  try {
    socket.write(JSON.stringify({ op: 'backup' }) + '\n');
    const first = await readLine(socket);
    if (first.startsWith('ERROR ')) {
      const { message } = JSON.parse(first.slice(6)) as { message: string };
      throw new CommandError(
        `运行中的服务器没有完成备份：${message}`,
        `The running server did not take the backup: ${message}`,
      );
    }
    const chunks: Buffer[] = [Buffer.from(first + '\n')];
    socket.on('data', (c: Buffer) => chunks.push(c));
    await new Promise<void>((done, fail) => {
      socket.once('end', () => done());
      socket.once('error', fail);
      socket.resume();
    });
    return Buffer.concat(chunks);
  } finally {
    socket.destroy();
  }
}

/** No server runs: open DATA_DIR here, under the server's lock, and dump it. */
async function backupOffline(dataDir: string): Promise<Buffer> {
  const dbDir = join(dataDir, 'db');
  if (!existsSync(join(dbDir, 'PG_VERSION'))) {
    throw new CommandError(
      `${dataDir} 里没有嵌入式数据库（没有 db/PG_VERSION），没有可备份的内容。请检查 DATA_DIR。`,
      `There is no embedded database in ${dataDir} (no db/PG_VERSION): nothing to back up. Check DATA_DIR.`,
    );
  }
  const control = await claimDataDir(dataDir, 'backup');
  try {
    const pg = await PGlite.create(dbDir);
    try {
      return await createBackup(pg);
    } finally {
      await pg.close();
      restrictToOwner(dataDir);
    }
  } finally {
    await control.close();
  }
}

/** `<file>.<pid>.tmp`, owner-only, flushed, then renamed over `<file>`. */
function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    let at = 0;
    while (at < bytes.length) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, file);
}

function summary(file: string, size: number, m: BackupManifest, byServer: boolean): string {
  const mb = (size / 1024 / 1024).toFixed(1);
  return [
    `备份完成：${file}（${mb} MB，${byServer ? '由运行中的服务器生成' : '没有服务器在运行，由本命令直接读取 DATA_DIR'}）。`,
    `Backup written: ${file} (${mb} MB, ${byServer ? 'taken by the running server' : 'no server was running: read from DATA_DIR by this command'}).`,
    `OrgBridge ${m.app.version}, migration ${m.migrations.lastTag ?? m.migrations.count}, PostgreSQL ${m.engine.postgres}, ${m.createdAt}.`,
    `不含 SECRET_KEY：恢复时需要原来的密钥。/ SECRET_KEY is not in the backup: restoring needs the original key.`,
  ].join('\n');
}
