import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { MIGRATIONS_FOLDER, type Database } from '../db/client';
import { rowsOf } from '../lib/sql';

/** A readiness part: ok, or why not (operator-facing, English: probes and logs read it). */
type Check = { ok: true } | { ok: false; reason: string };

export interface ReadinessDeps {
  database: Pick<Database, 'db' | 'kind' | 'listening' | 'unavailable'>;
  /** The job queue: true = started, false = stopped or not yet started, null = not run here. */
  jobs: () => boolean | null;
  /** How long the database may take to answer before it counts as unreachable. */
  timeoutMs?: number;
}

/** The newest migration of drizzle/ (its `when`, which drizzle stores as `created_at`). */
function latestMigration(): number {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
  ) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Every part of readiness, each named, so a 503 says which one failed (PRODUCT.md §10). */
export async function readiness(deps: ReadinessDeps): Promise<Record<string, Check>> {
  const { database } = deps;
  const checks: Record<string, Check> = {};
  const broken = database.unavailable?.() ?? null;
  if (broken) {
    checks.storage = {
      ok: false,
      reason: `embedded database out of service until reopened from DATA_DIR (${broken.detail})`,
    };
  }
  try {
    const rows = rowsOf<{ at: string | number | null }>(
      await withTimeout(
        database.db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`),
        deps.timeoutMs ?? 3_000,
      ),
    );
    checks.database = { ok: true };
    const applied = Number(rows[0]?.at ?? 0);
    checks.migrations =
      applied >= latestMigration()
        ? { ok: true }
        : { ok: false, reason: 'pending migrations: the schema is older than this server' };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    checks.database = { ok: false, reason: `database not reachable: ${detail.slice(0, 200)}` };
  }
  if (database.listening) {
    checks.changeListener = database.listening()
      ? { ok: true }
      : { ok: false, reason: 'the PostgreSQL change listener (LISTEN connection) is down' };
  }
  const jobs = deps.jobs();
  if (jobs !== null) {
    checks.jobs = jobs ? { ok: true } : { ok: false, reason: 'the job queue is not running' };
  }
  return checks;
}

/**
 * `GET /livez`: the process answers (no database). `GET /readyz`: 200 when every part is ready,
 * 503 naming the parts that are not. `GET /health` stays as it was (e2e, bench and existing probes
 * use it). None is behind the session: orchestrators have none.
 */
export function registerHealth(app: FastifyInstance, deps: ReadinessDeps): void {
  app.get('/livez', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const checks = await readiness(deps);
    const failing = Object.keys(checks).filter((k) => !checks[k]!.ok);
    if (failing.length > 0) void reply.code(503);
    return { status: failing.length > 0 ? 'unavailable' : 'ready', failing, checks };
  });
  app.get('/health', { schema: { hide: true } }, async () => {
    await deps.database.db.execute(sql`select 1`);
    return { status: 'ok' };
  });
}
