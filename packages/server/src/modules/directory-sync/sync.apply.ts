import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Db } from '../../db/client';
import { conflict, notFound } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import { planAndOps, type SyncOps } from './planner';
import type { SyncRunner } from './sync-runner';
import { createSyncRunsRepo, type PlanHead, type RunRow } from './sync-runs.repo';
import { createSyncExclusionsRepo } from './sync-exclusions.repo';
import { createSyncStateRepo } from './sync-state.repo';
import type { Decisions } from './sync.types';
import { guard, type PlanSnapshot, type SyncRuntime } from './sync.preview';
import { emptyOps } from './targeted';
import { knownDepartments, type SyncRuns, type Who } from './sync.runs';
import { runView, type RunView } from './sync.views';

// Apply: an admin's apply of a preview, and the confirm or cancel of a run that stopped to ask.

const gunzipAsync = promisify(gunzip);

const notAwaiting = () =>
  conflict('sync.not_awaiting_confirmation', 'This run is not waiting for a confirmation.');

/** The code of the stop a run waits on (threshold, partial read…), never its full text. */
const stopReason = (error: unknown) => (error as { code?: string } | null)?.code ?? null;

/** What a run writes when the plan had nothing to do and nothing changed since. */
const NO_OPS: SyncOps = emptyOps(0);

/** The audit entry of an admin's confirm or cancel of a run that stopped to ask. */
const recordDecision = (
  tx: Db,
  tenantId: number,
  who: Who,
  action: 'sync.confirmed' | 'sync.cancelled',
  run: Pick<RunRow, 'id' | 'thirdType' | 'error'>,
) =>
  createAuditRecorder(tx).record(tenantId, {
    ...who,
    action,
    targetType: 'sync_run',
    targetId: run.id,
    details: { thirdType: run.thirdType, stoppedBy: stopReason(run.error) },
  });

export function createSyncApply(deps: {
  db: Db;
  runtime: SyncRuntime;
  runner: SyncRunner;
  launchExecute: SyncRuns['launchExecute'];
}) {
  const { db, runtime, runner, launchExecute } = deps;
  const runs = createSyncRunsRepo(db);

  /**
   * Inside a transaction: plan row checks, stale check, slot claim, ops from the current state.
   * A plan that found nothing to do, applied without decisions on an unchanged local state, has
   * nothing to do still (the ops are a function of snapshot, local state and decisions), so its
   * snapshot is not even read.
   */
  async function prepare(
    tx: Db,
    tenantId: number,
    plan: PlanHead,
    decisions: Decisions,
    actorUserId: number | null,
  ) {
    if (plan.expiresAt.getTime() < Date.now())
      throw conflict(
        'sync.plan_expired',
        'This preview is older than an hour. Run the preview again.',
      );
    const state = createSyncStateRepo(tx);
    if ((await state.localVersion(tenantId)) !== plan.localVersion) {
      throw conflict(
        'sync.plan_stale',
        'Members, departments or bindings changed since this preview was made. Run the preview again and re-check the pairs.',
      );
    }
    await runner.claim(tx, tenantId);
    // A partial plan's snapshot says which reads failed, for the stop it leads to.
    if (
      plan.noOps &&
      !plan.partial &&
      decisions.pairs.length === 0 &&
      decisions.exclude.length === 0 &&
      (decisions.include ?? []).length === 0
    )
      return { ops: NO_OPS, houseNumber: '', known: new Map<string, number>(), problems: [] };
    const full = await createSyncRunsRepo(tx).findPlan(tenantId, plan.id);
    if (!full) throw conflict('sync.plan_expired', 'This preview is gone. Run the preview again.');
    const snapshot = JSON.parse(
      (await gunzipAsync(full.snapshotGz)).toString('utf8'),
    ) as PlanSnapshot;
    const local = await state.load(tenantId, plan.thirdType, snapshot.members);
    const { ops } = planAndOps(snapshot, local, plan.corpId, decisions);
    // The admin's 排除 and its undo are decisions, not WeCom data: stored with the claim, so the
    // next preview (and every scheduled or callback run) honours them.
    await createSyncExclusionsRepo(tx).write(
      tenantId,
      { thirdType: plan.thirdType, corpId: plan.corpId },
      ops.exclusions,
      actorUserId,
    );
    return {
      ops,
      houseNumber: local.houseNumber,
      known: knownDepartments(local),
      problems: snapshot.problems ?? [],
    };
  }

  return {
    async apply(
      ctx: TenantContext,
      body: { planId: string } & Decisions,
      who: Who,
    ): Promise<{ runId: number; status: string }> {
      const plan = await runs.findPlanHead(ctx.tenantId, body.planId);
      if (!plan) throw notFound('sync plan', 'sync.plan_not_found');
      const rt = await runtime(ctx.tenantId, plan.thirdType);
      const decisions: Decisions = {
        pairs: body.pairs,
        exclude: body.exclude,
        ...(body.include?.length ? { include: body.include } : {}),
      };
      const out = await runner.insertGuarded(() =>
        db.transaction(async (tx) => {
          const locked = await createSyncRunsRepo(tx).findPlanHead(ctx.tenantId, body.planId, {
            forUpdate: true,
          });
          if (!locked || locked.usedAt)
            throw conflict(
              'sync.plan_used',
              'This preview was already applied. Run the preview again.',
            );
          const prepared = await prepare(tx, ctx.tenantId, locked, decisions, ctx.userId);
          const stop = guard(
            { partial: locked.partial, problems: prepared.problems },
            prepared.ops,
            rt.syncPolicy,
          );
          const r = createSyncRunsRepo(tx);
          await r.markPlanUsed(ctx.tenantId, locked.id);
          const run = await r.insertRun(ctx.tenantId, {
            planId: locked.id,
            thirdType: locked.thirdType,
            trigger: 'manual',
            actorUserId: ctx.userId,
            status: stop ? 'needs_confirmation' : 'running',
            phase: stop ? 'confirm' : 'queued',
            error: stop,
            decisions: { ...decisions },
          });
          await createAuditRecorder(tx).record(ctx.tenantId, {
            ...who,
            action: 'sync.applied',
            targetType: 'sync_run',
            targetId: run.id,
            details: {
              thirdType: locked.thirdType,
              planId: locked.id,
              status: run.status,
              pairs: decisions.pairs.length,
              excluded: decisions.exclude.length,
            },
          });
          return { run, ...prepared, stop };
        }),
      );
      if (!out.stop) launchExecute(out.run, rt, out);
      return { runId: out.run.id, status: out.run.status };
    },

    /** Proceeds with a run stopped by the threshold or a partial read. */
    async confirm(
      ctx: TenantContext,
      runId: number,
      who: Who,
    ): Promise<{ runId: number; status: string }> {
      const run = await runs.findRun(ctx.tenantId, runId);
      if (!run) throw notFound('sync run', 'sync.run_not_found');
      if (run.status !== 'needs_confirmation' || !run.planId) throw notAwaiting();
      const plan = await runs.findPlanHead(ctx.tenantId, run.planId);
      if (!plan)
        throw conflict(
          'sync.plan_expired',
          'The preview of this run is gone. Run the preview again.',
        );
      const rt = await runtime(ctx.tenantId, plan.thirdType);
      const d = (run.decisions ?? {}) as Partial<Decisions>;
      const out = await runner.insertGuarded(() =>
        db.transaction(async (tx) => {
          const prepared = await prepare(
            tx,
            ctx.tenantId,
            plan,
            { pairs: d.pairs ?? [], exclude: d.exclude ?? [], include: d.include ?? [] },
            ctx.userId,
          );
          const taken = await createSyncRunsRepo(tx).updateAwaiting(ctx.tenantId, run.id, {
            status: 'running',
            phase: 'queued',
            error: null,
            actorUserId: ctx.userId,
            startedAt: run.startedAt ?? new Date(),
            // Beats from now: a stopped run's heartbeat is as old as its stop, and would make it
            // look dead to a claim or a sweep before its owner has taken the lock.
            heartbeatAt: new Date(),
          });
          if (!taken) throw notAwaiting();
          await recordDecision(tx, ctx.tenantId, who, 'sync.confirmed', run);
          return prepared;
        }),
      );
      launchExecute({ ...run, status: 'running', actorUserId: ctx.userId }, rt, out);
      return { runId: run.id, status: 'running' };
    },

    /** Drops a run stopped by the threshold or a partial read: nothing of it is applied. */
    async cancel(ctx: TenantContext, runId: number, who: Who): Promise<RunView> {
      return db.transaction(async (tx) => {
        const r = createSyncRunsRepo(tx);
        const run = await r.findRun(ctx.tenantId, runId);
        if (!run) throw notFound('sync run', 'sync.run_not_found');
        const closed = await r.updateAwaiting(ctx.tenantId, runId, {
          status: 'cancelled',
          phase: 'done',
          finishedAt: new Date(),
        });
        if (!closed) throw notAwaiting();
        await recordDecision(tx, ctx.tenantId, who, 'sync.cancelled', run);
        return runView((await r.findRun(ctx.tenantId, runId))!);
      });
    },
  };
}
export type SyncApply = ReturnType<typeof createSyncApply>;
