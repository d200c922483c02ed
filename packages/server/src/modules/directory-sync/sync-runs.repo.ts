import { intArray, recordset } from './sql-arrays';
import { and, count, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { syncPlans, syncRunItems, syncRuns } from '../../db/schema';
import { offsetOf, rowsOf } from '../../lib/sql';

/** A stored plan as apply reads it: the plan view (`plan`) is only a record and is never read back. */
export type PlanRow = typeof syncPlans.$inferSelect;
/** A plan row without its snapshot; `noOps` = the preview found nothing to write. */
export type PlanHead = Omit<PlanRow, 'snapshotGz'>;
export type RunRow = typeof syncRuns.$inferSelect;
export type RunPatch = Partial<Omit<typeof syncRuns.$inferInsert, 'tenantId' | 'id'>>;
export type ItemInsert = Omit<typeof syncRunItems.$inferInsert, 'tenantId' | 'id' | 'runId'>;

const ITEM_CHUNK = 1000;

export interface RunItemListFilters {
  outcome?: 'ok' | 'failed' | 'skipped' | undefined;
}

/**
 * Which items of a run its items list shows — and so its CSV export (sync.export.ts): the
 * tenant's items of run `runId`, by outcome. The one place that decides it: both share it.
 */
export function runItemListWhere(tenantId: number, runId: number, f: RunItemListFilters): SQL {
  return and(
    eq(syncRunItems.tenantId, tenantId),
    eq(syncRunItems.runId, runId),
    f.outcome ? eq(syncRunItems.outcome, f.outcome) : undefined,
  )!;
}

/** Plans, runs and run items; tenant id first in every statement. */
export function createSyncRunsRepo(db: Db) {
  return {
    async insertPlan(tenantId: number, row: Omit<typeof syncPlans.$inferInsert, 'tenantId'>) {
      await db.insert(syncPlans).values({ ...row, tenantId });
    },
    async findPlan(tenantId: number, id: string, opts: { forUpdate?: boolean } = {}) {
      const q = db
        .select()
        .from(syncPlans)
        .where(and(eq(syncPlans.tenantId, tenantId), eq(syncPlans.id, id)));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return (row ?? null) as PlanRow | null;
    },
    /** The plan row without the (large) snapshot. */
    async findPlanHead(
      tenantId: number,
      id: string,
      opts: { forUpdate?: boolean } = {},
    ): Promise<PlanHead | null> {
      const { snapshotGz: _snapshot, ...columns } = getTableColumns(syncPlans);
      const q = db
        .select(columns)
        .from(syncPlans)
        .where(and(eq(syncPlans.tenantId, tenantId), eq(syncPlans.id, id)));
      const [row] = opts.forUpdate ? await q.for('update') : await q;
      return row ?? null;
    },
    async markPlanUsed(tenantId: number, id: string) {
      await db
        .update(syncPlans)
        .set({ usedAt: new Date() })
        .where(and(eq(syncPlans.tenantId, tenantId), eq(syncPlans.id, id)));
    },
    /** Old plans carry a whole directory snapshot; keep the last few per tenant. */
    async prunePlans(tenantId: number, keep = 5) {
      await db.execute(sql`delete from sync_plans where tenant_id = ${tenantId} and id not in (
        select id from sync_plans where tenant_id = ${tenantId} order by created_at desc limit ${keep})`);
    },
    /** A run inserted as `running` has started (the API reports `startedAt`) unless told otherwise. */
    async insertRun(
      tenantId: number,
      row: Omit<typeof syncRuns.$inferInsert, 'tenantId'>,
    ): Promise<RunRow> {
      const startedAt = row.startedAt ?? (row.status === 'running' ? new Date() : null);
      const [inserted] = await db
        .insert(syncRuns)
        .values({ ...row, startedAt, tenantId })
        .returning();
      return inserted as RunRow;
    },
    async findRun(tenantId: number, id: number): Promise<RunRow | null> {
      const [row] = await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, id)));
      return row ?? null;
    },
    async findRunning(tenantId: number): Promise<RunRow | null> {
      const [row] = await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.status, 'running')));
      return row ?? null;
    },
    async updateRun(tenantId: number, id: number, patch: RunPatch) {
      await db
        .update(syncRuns)
        .set(patch)
        .where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, id)));
    },
    /**
     * `updateRun` only while the run waits for a confirmation; false when somebody confirmed or
     * cancelled it meanwhile (the row lock orders concurrent decisions: one wins).
     */
    async updateAwaiting(tenantId: number, id: number, patch: RunPatch): Promise<boolean> {
      const rows = await db
        .update(syncRuns)
        .set(patch)
        .where(
          and(
            eq(syncRuns.tenantId, tenantId),
            eq(syncRuns.id, id),
            eq(syncRuns.status, 'needs_confirmation'),
          ),
        )
        .returning({ id: syncRuns.id });
      return rows.length > 0;
    },
    /**
     * `updateRun` only while the run is still running; false when it was closed meanwhile (its
     * lock was lost and it was marked interrupted). Inside a batch's transaction this is the fence:
     * the row lock orders it with `closeRun`, so a batch either commits before the run is closed or
     * sees it closed and must roll back.
     */
    async updateRunning(tenantId: number, id: number, patch: RunPatch): Promise<boolean> {
      const rows = await db
        .update(syncRuns)
        .set(patch)
        .where(
          and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, id), eq(syncRuns.status, 'running')),
        )
        .returning({ id: syncRuns.id });
      return rows.length > 0;
    },
    /** Closes a run that is still running (no-op once it is closed), e.g. as interrupted. */
    async closeRun(tenantId: number, id: number, error: Record<string, unknown>) {
      await db
        .update(syncRuns)
        .set({ status: 'failed', finishedAt: new Date(), error })
        .where(
          and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, id), eq(syncRuns.status, 'running')),
        );
    },
    /**
     * Every tenant's dead runs, closed as failed with `error` in one statement: running, heartbeat
     * older than `graceMs`, not one of `exceptIds` (this process's own), and — on PostgreSQL,
     * `lockKeyPrefix` given — the tenant's session advisory lock is free: the owner's connection
     * is gone. The try-lock is transaction-scoped, so it is released when the statement commits.
     * Idempotent; concurrent sweeps serialise on the row locks and the later one matches nothing.
     */
    async closeDeadRuns(opts: {
      graceMs: number;
      exceptIds: number[];
      lockKeyPrefix: string | null;
      error: Record<string, unknown>;
    }): Promise<number[]> {
      const lockFree = opts.lockKeyPrefix
        ? sql`and pg_try_advisory_xact_lock(hashtextextended(${opts.lockKeyPrefix} || tenant_id::text, 0))`
        : sql``;
      const res = await db.execute(sql`update sync_runs
        set status = 'failed', finished_at = now(), error = ${JSON.stringify(opts.error)}::jsonb
        where status = 'running'
          and heartbeat_at < now() - make_interval(secs => ${opts.graceMs / 1000})
          and id <> all(${intArray(opts.exceptIds)})
          ${lockFree}
        returning id`);
      return rowsOf<{ id: number }>(res).map((r) => r.id);
    },
    async heartbeat(ids: number[]) {
      if (ids.length === 0) return;
      await db.execute(
        sql`update sync_runs set heartbeat_at = now() where id = any(${intArray(ids)}) and status = 'running'`,
      );
    },
    async listRuns(tenantId: number, page: number, pageSize: number) {
      const records = await db
        .select()
        .from(syncRuns)
        .where(eq(syncRuns.tenantId, tenantId))
        .orderBy(desc(syncRuns.id))
        .limit(pageSize)
        .offset(offsetOf(page, pageSize));
      const [total] = await db
        .select({ n: count() })
        .from(syncRuns)
        .where(eq(syncRuns.tenantId, tenantId));
      return { records, total: total!.n };
    },
    async insertItems(tenantId: number, runId: number, items: ItemInsert[]) {
      for (let i = 0; i < items.length; i += ITEM_CHUNK) {
        const rows = items.slice(i, i + ITEM_CHUNK).map((it) => ({
          kind: it.kind,
          action: it.action,
          ext_id: it.extId,
          label: it.label ?? '',
          user_id: it.userId ?? null,
          outcome: it.outcome,
          reason: it.reason,
          provider_code: it.providerCode ?? null,
          message: it.message ?? null,
        }));
        await db.execute(sql`insert into sync_run_items
            (tenant_id, run_id, kind, action, ext_id, label, user_id, outcome, reason, provider_code, message)
          select ${tenantId}::int, ${runId}::int, kind, action, ext_id, label, user_id, outcome, reason, provider_code, message
          from ${recordset(rows, 'kind text, action text, ext_id text, label text, user_id int, outcome text, reason text, provider_code int, message text')}`);
      }
    },
    async listItems(
      tenantId: number,
      runId: number,
      f: { outcome?: 'ok' | 'failed' | 'skipped'; page: number; pageSize: number },
    ) {
      const where = runItemListWhere(tenantId, runId, f);
      const records = await db
        .select()
        .from(syncRunItems)
        .where(where)
        .orderBy(syncRunItems.id)
        .limit(f.pageSize)
        .offset(offsetOf(f.page, f.pageSize));
      const [total] = await db.select({ n: count() }).from(syncRunItems).where(where);
      return { records, total: total!.n };
    },
  };
}
export type SyncRunsRepo = ReturnType<typeof createSyncRunsRepo>;
