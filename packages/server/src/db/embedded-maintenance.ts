import type { PGlite } from '@electric-sql/pglite';
import { fallbackLog } from '../lib/log';

/**
 * Autovacuum for the embedded database.
 *
 * PGlite runs PostgreSQL without background workers, so nothing analyzes or vacuums on its own:
 * a table filled by callbacks or the console keeps the statistics it had (or none), and every
 * update leaves its dead row behind for good. Measured: the message log's statement, with the
 * member tables it reads never analyzed, cost 3.4 ms per round of four sends instead of 1.4 ms.
 *
 * This does autovacuum's job with autovacuum's rules, from the table statistics PostgreSQL keeps
 * anyway (`pg_stat_user_tables`, published at most once a second): every `intervalMs`, a table
 * whose rows changed since its last ANALYZE by more than 50 + 10 % is analyzed, and one whose
 * dead rows exceed 50 + 20 % is vacuumed (and analyzed). A sync run analyzes what it wrote at
 * once, and the message log has its own earlier trigger (db/auto-analyze.ts).
 *
 * Each ANALYZE or VACUUM holds the engine's only thread for a few to tens of milliseconds; the
 * thresholds grow with the table, so a table growing steadily is handled ever more rarely.
 */
export interface EmbeddedMaintenance {
  /** Looks now; resolves with the statements it ran (tests, logs). */
  check(): Promise<string[]>;
  /** No more looking; waits for a look under way (the database closes next). */
  stop(): Promise<void>;
}

const ANALYZE = { base: 50, scale: 0.1 };
const VACUUM = { base: 50, scale: 0.2 };

interface TableStats {
  /** Schema-qualified and quoted: ready for the statement. */
  relname: string;
  n_live_tup: number | string;
  n_dead_tup: number | string;
  n_mod_since_analyze: number | string;
}

/** What `stats` call for: tables to vacuum (with analyze) and tables only to analyze. */
export function planMaintenance(stats: TableStats[]): { vacuum: string[]; analyze: string[] } {
  const vacuum: string[] = [];
  const analyze: string[] = [];
  for (const s of stats) {
    const live = Number(s.n_live_tup);
    if (Number(s.n_dead_tup) > VACUUM.base + VACUUM.scale * live) vacuum.push(s.relname);
    else if (Number(s.n_mod_since_analyze) > ANALYZE.base + ANALYZE.scale * live)
      analyze.push(s.relname);
  }
  return { vacuum, analyze };
}

export function startEmbeddedMaintenance(
  client: PGlite,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): EmbeddedMaintenance {
  const intervalMs = opts.intervalMs ?? 30_000;
  const onError =
    opts.onError ??
    ((err: unknown) => fallbackLog().warn({ err }, 'embedded database maintenance failed'));
  let running: Promise<string[]> | null = null;
  let stopped = false;

  async function look(): Promise<string[]> {
    // Every schema's tables: the application's and pg-boss's (its job tables churn the most).
    const { rows } = await client.query<TableStats>(
      `select quote_ident(schemaname) || '.' || quote_ident(relname) as relname,
         n_live_tup, n_dead_tup, n_mod_since_analyze
       from pg_stat_user_tables order by schemaname, relname`,
    );
    const plan = planMaintenance(rows);
    // One table per statement, each its own turn of the engine's only thread, so requests get in
    // between; VACUUM refuses to run inside a transaction block, and each runs on its own.
    const ran: string[] = [];
    for (const statement of [
      ...plan.vacuum.map((t) => `vacuum (analyze) ${t}`),
      ...plan.analyze.map((t) => `analyze ${t}`),
    ]) {
      if (stopped || client.closed) break;
      await client.query(statement);
      ran.push(statement);
    }
    return ran;
  }

  function check(): Promise<string[]> {
    if (stopped || client.closed) return Promise.resolve([]);
    running ??= look().finally(() => (running = null));
    return running;
  }

  const timer = setInterval(() => check().catch(onError), intervalMs);
  timer.unref();

  return {
    check,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
