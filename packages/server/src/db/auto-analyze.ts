import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { rowsOf } from '../lib/sql';

/**
 * Planner statistics for tables that grow on the request path, on the embedded database.
 *
 * PGlite runs PostgreSQL without its background workers, so autovacuum never analyzes anything:
 * a table that started empty keeps looking empty to the planner, whose plans (and the plans it
 * caches for prepared statements) then scan it whole — a cost that grows with every row. This
 * does what autovacuum's analyze would, far less often: once the rows written since the last
 * ANALYZE exceed 50 + ten times the table's size at that ANALYZE, it runs again, right after the
 * write that crossed the line — at ~50, ~550, ~5,500 … rows. That is enough: what matters here is
 * the plan's shape (index lookups once a table is no longer tiny), and between two ANALYZEs the
 * planner scales the row counts it knows by the table's current size on disk. Each ANALYZE pauses
 * the embedded engine's thread for tens of milliseconds, so autovacuum's every-10 % would show in
 * the send path's tail latency. ANALYZE also invalidates cached plans, so prepared statements replan.
 *
 * On PostgreSQL autovacuum does this already and `noteWrites` does nothing.
 */
export interface AutoAnalyze {
  /** Counts rows just inserted or updated in the watched tables. */
  noteWrites(rows: number): void;
}

const BASE_THRESHOLD = 50;
const SCALE_FACTOR = 10;

export function createAutoAnalyze(
  db: Db,
  tables: string[],
  onError: (err: unknown) => void = (err) =>
    process.emitWarning(`ANALYZE ${tables.join(', ')} failed: ${(err as Error).message}`),
): AutoAnalyze {
  if (!((db as unknown as { $client?: unknown }).$client instanceof PGlite)) {
    return { noteWrites() {} };
  }
  const names = sql.raw(tables.map((t) => `"${t.replace(/"/g, '""')}"`).join(', '));
  let written = 0;
  /** Rows of the largest table at the last ANALYZE; unknown (0) until the first one. */
  let size = 0;
  let running = false;

  async function analyze(): Promise<void> {
    running = true;
    written = 0;
    try {
      await db.execute(sql`analyze ${names}`);
      const rows = rowsOf<{ n: number }>(
        await db.execute(sql`
          select coalesce(max(reltuples), 0)::float8 as n from pg_class
          where relname = any(${sql.param(tables)}::text[]) and relkind = 'r'`),
      );
      size = Math.max(0, Number(rows[0]?.n ?? 0));
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  }

  return {
    noteWrites(rows) {
      written += rows;
      if (!running && written > BASE_THRESHOLD + SCALE_FACTOR * size) {
        running = true;
        setImmediate(() => void analyze());
      }
    },
  };
}
