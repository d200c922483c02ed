import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { fallbackLog } from '../lib/log';
import { rowsOf } from '../lib/sql';

/**
 * Planner statistics for tables that grow on the request path (the message log), early.
 *
 * The send path's statements are prepared and planned once (db/prepared.ts), so they keep the
 * plan made from the statistics of the moment: a plan made while the log looked empty scans it
 * whole, a cost that grows with every row, until something analyzes the table. On the embedded
 * database nothing ever would (PGlite has no autovacuum; db/embedded-maintenance.ts looks every
 * 30 s); on PostgreSQL autovacuum does, but only after its nap and a 10 % change. So this runs
 * ANALYZE itself once the rows written since the last one exceed 50 + ten times the table's size
 * at that ANALYZE — at ~50, ~550, ~5,500 … rows, right after the write that crossed the line. What
 * matters is the plan's shape (index lookups once a table is no longer tiny); between two
 * ANALYZEs the planner scales the row counts it knows by the table's size on disk. Each ANALYZE
 * pauses the embedded engine's thread for tens of milliseconds, so autovacuum's every-10 % would
 * show in the send path's tail latency. ANALYZE invalidates cached plans: every connection
 * re-plans. Measured on PostgreSQL: without it the database spent 0.6 ms of CPU per send instead
 * of 0.3.
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
    fallbackLog().warn({ err, tables }, 'ANALYZE of the message log failed'),
): AutoAnalyze {
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
