/**
 * A refusal of `backup` or `restore` an operator can act on: printed as a paragraph, Chinese then
 * English (like the start-up errors of lib/startup-errors.ts), exit status 1.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`);
  }
}

/** On PostgreSQL, backups are PostgreSQL's business: pg_dump / pg_restore. */
export function refusePostgres(command: 'backup' | 'restore'): never {
  if (command === 'backup') {
    throw new CommandError(
      '设置了 DATABASE_URL：数据在 PostgreSQL 里，本命令只备份嵌入式数据库。请用 PostgreSQL 自己的工具备份，例如 `pg_dump -Fc -f orgbridge.dump "$DATABASE_URL"`（见 README 的运维一节）。',
      'DATABASE_URL is set: the data is in PostgreSQL, and this command backs up the embedded database only. Use PostgreSQL\'s own tools, e.g. `pg_dump -Fc -f orgbridge.dump "$DATABASE_URL"` (README, Operations).',
    );
  }
  throw new CommandError(
    '设置了 DATABASE_URL：数据在 PostgreSQL 里，本命令只恢复嵌入式数据库。请用 `pg_restore`，例如 `pg_restore --no-owner -d "$DATABASE_URL" orgbridge.dump`（见 README 的运维一节）。',
    'DATABASE_URL is set: the data is in PostgreSQL, and this command restores the embedded database only. Use `pg_restore`, e.g. `pg_restore --no-owner -d "$DATABASE_URL" orgbridge.dump` (README, Operations).',
  );
}
