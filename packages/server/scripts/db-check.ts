import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

/**
 * `npm run db:check`: fails when src/db/schema has changes without a generated migration.
 * Generates into a scratch copy of drizzle/ (relative: drizzle-kit prefixes `--out` with ./)
 * so the check never leaves files behind. drizzle-kit exits 0 even on errors, hence the
 * output is inspected.
 */
const SCRATCH = 'data/.db-check';
const schema = process.argv[2] ?? './src/db/schema/index.ts';

rmSync(SCRATCH, { recursive: true, force: true });
mkdirSync(SCRATCH, { recursive: true });
try {
  cpSync('drizzle', SCRATCH, { recursive: true });
  const args = [
    'drizzle-kit',
    'generate',
    '--dialect=postgresql',
    `--schema=${schema}`,
    `--out=${SCRATCH}`,
    '--name=pending',
  ];
  const output = execFileSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (output.includes('No schema changes')) {
    process.stdout.write('Migrations are up to date with src/db/schema.\n');
  } else if (output.includes('migration file')) {
    process.stderr.write(
      'Schema changes without a migration: run `npm run db:generate` and commit drizzle/.\n',
    );
    process.exitCode = 1;
  } else {
    process.stderr.write(`drizzle-kit did not report a result:\n${output}\n`);
    process.exitCode = 2;
  }
} finally {
  rmSync(SCRATCH, { recursive: true, force: true });
}
