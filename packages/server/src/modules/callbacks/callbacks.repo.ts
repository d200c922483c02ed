import { and, asc, eq, inArray, isNull, lte, max } from 'drizzle-orm';
import type { NeutralContactChange } from '../../connectors/kit';
import type { Db } from '../../db/client';
import {
  CARD_CLICK_TYPE,
  callbackEvents,
  CONTACT_CHANGE_TYPES,
  NEUTRAL_CHANGE_KINDS,
  syncRuns,
  type ContactChangeType,
  type CallbackOutcome,
  type SyncRunStatus,
  type ThirdType,
} from '../../db/schema';
import type { TargetedEvent } from '../directory-sync/targeted';

/**
 * Stored kind → what the targeted apply (directory-sync/targeted.ts) reads: it tells member
 * events from department events by WeCom's spelling, which rows stored before issue 19 carry.
 */
const TARGETED_TYPE: Record<
  Exclude<NeutralContactChange['kind'], 'scope.changed'>,
  ContactChangeType
> = {
  'member.upsert': 'update_user',
  'member.left': 'delete_user',
  'department.upsert': 'update_party',
  'department.removed': 'delete_party',
};

/** The columns of a neutral change: its object's external id, the new id of a rename. */
function columnsOf(change: NeutralContactChange) {
  const payload = { ...change.detail };
  switch (change.kind) {
    case 'member.upsert':
      return { extId: change.userId, newExtId: change.newUserId ?? null, payload };
    case 'member.left':
      return { extId: change.userId, newExtId: null, payload };
    case 'department.upsert':
    case 'department.removed':
      return { extId: change.departmentId, newExtId: null, payload };
    case 'scope.changed':
      return { extId: '', newExtId: null, payload };
  }
}

/** Stored callback events; tenant id first in every statement. */
export function createCallbacksRepo(db: Db) {
  const unapplied = (tenantId: number, thirdType: ThirdType) =>
    and(
      eq(callbackEvents.tenantId, tenantId),
      eq(callbackEvents.thirdType, thirdType),
      isNull(callbackEvents.appliedAt),
    );

  return {
    /**
     * Stores the changes of one delivery once, under their neutral kinds; a retried delivery
     * (same key) is a no-op. The first change takes the delivery's key, the n-th `key#n`.
     * True when they were new.
     */
    async insertEvents(
      tenantId: number,
      thirdType: ThirdType,
      dedupKey: string,
      changes: NeutralContactChange[],
    ): Promise<boolean> {
      if (changes.length === 0) return false;
      const rows = await db
        .insert(callbackEvents)
        .values(
          changes.map((change, i) => ({
            tenantId,
            thirdType,
            dedupKey: i === 0 ? dedupKey : `${dedupKey}#${i}`,
            changeType: change.kind,
            ...columnsOf(change),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: callbackEvents.id });
      return rows.length > 0;
    },

    /**
     * Stores a card click once, as handled (it is acted on when received, never by the applier).
     * True when it was new; a retried delivery (same key) is a no-op.
     */
    async insertHandledEvent(
      tenantId: number,
      thirdType: ThirdType,
      dedupKey: string,
      event: { extId: string; payload: Record<string, unknown> },
    ): Promise<boolean> {
      const rows = await db
        .insert(callbackEvents)
        .values({
          tenantId,
          thirdType,
          dedupKey,
          changeType: CARD_CLICK_TYPE,
          extId: event.extId,
          payload: event.payload,
          outcome: 'applied',
          appliedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: callbackEvents.id });
      return rows.length > 0;
    },

    /** Highest id among the tenant's events not applied yet (whatever a previous run did). */
    async maxUnappliedId(tenantId: number, thirdType: ThirdType): Promise<number | null> {
      const [row] = await db
        .select({ id: max(callbackEvents.id) })
        .from(callbackEvents)
        .where(unapplied(tenantId, thirdType));
      return row?.id == null ? null : Number(row.id);
    },

    /**
     * The tenant's unapplied contact changes up to `maxId`, oldest first (the order the provider
     * sent them), as the targeted apply reads them; `full` when one of them only a full read can
     * apply (`scope.changed`). Rows of either spelling (neutral, or WeCom's from before).
     */
    async listUnapplied(
      tenantId: number,
      thirdType: ThirdType,
      maxId: number,
      limit: number,
    ): Promise<{ events: TargetedEvent[]; full: boolean; last: number | null }> {
      const rows = await db
        .select({
          id: callbackEvents.id,
          changeType: callbackEvents.changeType,
          extId: callbackEvents.extId,
          newExtId: callbackEvents.newExtId,
        })
        .from(callbackEvents)
        .where(
          and(
            unapplied(tenantId, thirdType),
            lte(callbackEvents.id, maxId),
            inArray(callbackEvents.changeType, [...CONTACT_CHANGE_TYPES, ...NEUTRAL_CHANGE_KINDS]),
          ),
        )
        .orderBy(asc(callbackEvents.id))
        .limit(limit);
      let full = false;
      const events: TargetedEvent[] = [];
      for (const r of rows) {
        if (r.changeType === 'scope.changed') {
          full = true;
          continue;
        }
        const changeType =
          r.changeType in TARGETED_TYPE
            ? TARGETED_TYPE[r.changeType as keyof typeof TARGETED_TYPE]
            : (r.changeType as ContactChangeType);
        events.push({ ...r, changeType });
      }
      return { events, full, last: rows.at(-1)?.id ?? null };
    },

    /** Events whose targeted apply committed: applied by `runId`. */
    async markApplied(tenantId: number, ids: number[], runId: number) {
      if (ids.length === 0) return;
      await db
        .update(callbackEvents)
        .set({ runId, outcome: 'applied', error: null, appliedAt: new Date() })
        .where(
          and(
            eq(callbackEvents.tenantId, tenantId),
            inArray(callbackEvents.id, ids),
            isNull(callbackEvents.appliedAt),
          ),
        );
    },

    /** Tenants with events waiting, for the pick-up at start. */
    async listUnappliedTenants(): Promise<{ tenantId: number; thirdType: ThirdType }[]> {
      return db
        .selectDistinct({ tenantId: callbackEvents.tenantId, thirdType: callbackEvents.thirdType })
        .from(callbackEvents)
        .where(isNull(callbackEvents.appliedAt));
    },

    /** Hands the unapplied events up to `maxId` to `runId`. */
    async claim(tenantId: number, thirdType: ThirdType, maxId: number, runId: number) {
      await db
        .update(callbackEvents)
        .set({ runId, outcome: 'running', error: null })
        .where(and(unapplied(tenantId, thirdType), lte(callbackEvents.id, maxId)));
    },

    /** Records why the unapplied events up to `maxId` could not be applied (they stay unapplied). */
    async markNotApplied(
      tenantId: number,
      thirdType: ThirdType,
      maxId: number,
      outcome: Exclude<CallbackOutcome, 'applied'>,
      error: Record<string, unknown> | null,
    ) {
      await db
        .update(callbackEvents)
        .set({ outcome, error })
        .where(and(unapplied(tenantId, thirdType), lte(callbackEvents.id, maxId)));
    },

    /** Closes the events a run took: applied when it succeeded, its outcome and error otherwise. */
    async settle(
      tenantId: number,
      runId: number,
      run: { status: SyncRunStatus; error: Record<string, unknown> | null },
    ) {
      const applied = run.status === 'succeeded';
      const outcome: CallbackOutcome = applied
        ? 'applied'
        : run.status === 'needs_confirmation'
          ? 'needs_confirmation'
          : 'failed';
      await db
        .update(callbackEvents)
        .set({ outcome, error: applied ? null : run.error, appliedAt: applied ? new Date() : null })
        .where(
          and(
            eq(callbackEvents.tenantId, tenantId),
            eq(callbackEvents.runId, runId),
            isNull(callbackEvents.appliedAt),
          ),
        );
    },

    /** Status of a sync run (read-only; runs belong to directory sync). */
    async findRunStatus(tenantId: number, runId: number) {
      const [row] = await db
        .select({ status: syncRuns.status, error: syncRuns.error })
        .from(syncRuns)
        .where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, runId)));
      return row ? { status: row.status, error: row.error ?? null } : null;
    },
  };
}
export type CallbacksRepo = ReturnType<typeof createCallbacksRepo>;
