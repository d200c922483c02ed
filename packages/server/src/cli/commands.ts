import { resolve } from 'node:path';
import { ConfigError, parseEnv } from '../config';
import { BackupFileError } from '../db/embedded-backup';
import { ownerOnlyUmask } from '../lib/owner-only';
import { runBackup } from './backup-command';
import { CommandError } from './command-error';
import { runRestore } from './restore-command';

export const COMMANDS = ['backup', 'restore'] as const;
export type Command = (typeof COMMANDS)[number];

export function isCommand(arg: string | undefined): arg is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(arg);
}

/**
 * `node dist/server.js backup|restore <file>` (root: `npm run backup -- <file>`): the same
 * environment as the server (DATA_DIR, DATABASE_URL, SECRET_KEY…). A relative <file> is taken
 * from where npm was run (INIT_CWD), not from packages/server where the script runs.
 * Prints the outcome; resolves with the exit status.
 */
export async function runCommand(command: Command, args: string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1 || file.startsWith('-')) {
    process.stderr.write(`usage: npm run ${command} -- <file>\n`);
    return 2;
  }
  ownerOnlyUmask();
  const cwd = resolve(process.env.INIT_CWD ?? process.cwd());
  try {
    const env = parseEnv(process.env);
    const run = command === 'backup' ? runBackup : runRestore;
    process.stdout.write(`${await run(env, file, cwd)}\n`);
    return 0;
  } catch (err) {
    const known =
      err instanceof CommandError || err instanceof ConfigError || err instanceof BackupFileError;
    process.stderr.write(
      known ? `${err.message}\n` : `${command} failed: ${(err as Error)?.stack ?? String(err)}\n`,
    );
    return 1;
  }
}
