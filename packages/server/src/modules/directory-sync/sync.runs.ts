import type { Db } from '../../db/client';
import { sql } from 'drizzle-orm';
import { ConnectorError } from '../../connectors/kit';
import {
  departments,
  memberships,
  thirdAccounts,
  userDepartments,
  users,
  type SyncTrigger,
  type ThirdType,
} from '../../db/schema';
import { AppError, conflict, notFound } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import type { SecretBox } from '../../lib/secrets';
import { faultMessage } from '../../lib/pg-error';
import { createAuditRecorder, type AuditActor } from '../audit/audit.recorder';
import type { ConnectorRuntime } from '../third-app-config/third-app-config.service';
import type { SyncOps } from './planner';
import { planTargeted, type TargetedEvent } from './targeted';
import type { SyncExecutor } from './sync-executor';
import { isShutdown, RunInterruptedError, type SyncRunner } from './sync-runner';
import { createSyncRunsRepo, type RunRow } from './sync-runs.repo';
import { guard, providerFailure, type SyncPreview, type SyncRuntime } from './sync.preview';
import { runView, type RunView } from './sync.views';

// Runs: launching, recording and reading runs (scheduled, callback and API runs start here).

/** Who acted on a run, for its audit entry (the person or the API key, and the address). */
export type Who = AuditActor & { ip?: string };

function errorOf(err: unknown): Record<string, unknown> {
  if (err instanceof RunInterruptedError) return { ...err.error };
  if (err instanceof ConnectorError) {
    const e = providerFailure(err);
    return { code: e.code, message: e.message, ...e.details };
  }
  if (err instanceof AppError) return { code: err.code, message: err.message, ...err.details };
  return {
    code: 'sync.write_failed',
    message: `The run stopped while writing: ${faultMessage(err).slice(0, 300)}. Nothing is half-applied; run the sync again.`,
  };
}

/**
 * A run that never started (a scheduled or nightly run refused before it could begin), written
 * to the run history as failed and done, so an admin sees why. Answers the run's id.
 */
export async function recordFailedRun(
  db: Db,
  tenantId: number,
  run: { thirdType: ThirdType; trigger: SyncTrigger; error: Record<string, unknown> },
): Promise<number> {
  const row = await createSyncRunsRepo(db).insertRun(tenantId, {
    ...run,
    actorUserId: null,
    status: 'failed',
    phase: 'done',
    finishedAt: new Date(),
  });
  return row.id;
}

export function knownDepartments(local: { departments: { id: number; extId: string | null }[] }) {
  return new Map(
    local.departments.filter((d) => d.extId !== null).map((d) => [d.extId as string, d.id]),
  );
}

export function createSyncRuns(deps: {
  db: Db;
  box: SecretBox;
  runtime: SyncRuntime;
  runner: SyncRunner;
  executor: SyncExecutor;
  readAndPlan: SyncPreview['readAndPlan'];
  onRunFinished?: (run: { trigger: SyncTrigger; outcome: string; seconds: number }) => void;
}) {
  const { db, box, runtime, runner, executor, readAndPlan } = deps;
  const runs = createSyncRunsRepo(db);

  /**
   * A sync can change thousands of rows at once; fresh planner statistics keep the request
   * path's lookups (sign-in, message receivers) on their indexes. The embedded database has no
   * autovacuum, so without this its planner would go on believing the tables are empty.
   */
  async function refreshStatistics() {
    await db.execute(
      sql`analyze ${users}, ${memberships}, ${thirdAccounts}, ${departments}, ${userDepartments}`,
    );
  }

  /** Records the outcome of `work`; null = the run stopped itself (needs_confirmation). */
  async function finish(
    run: { tenantId: number; id: number; trigger: SyncTrigger },
    lost: AbortSignal,
    work: () => Promise<{ counts: Record<string, number>; secretsEnc: string | null } | null>,
  ) {
    const started = performance.now();
    let outcome = 'failed';
    try {
      await record(run.tenantId, run.id, lost, work).then((o) => (outcome = o));
    } finally {
      const seconds = (performance.now() - started) / 1000;
      deps.onRunFinished?.({ trigger: run.trigger, outcome, seconds });
    }
  }

  async function record(
    tenantId: number,
    runId: number,
    lost: AbortSignal,
    work: () => Promise<{ counts: Record<string, number>; secretsEnc: string | null } | null>,
  ): Promise<string> {
    try {
      const r = await work();
      // The lock went while the last batch committed: the run is already closed as interrupted.
      // (A shutdown past its grace after the last batch: the run did finish.)
      if (lost.aborted && !isShutdown(lost)) throw new RunInterruptedError({ cause: lost.reason });
      if (!r) return 'needs_confirmation';
      if (Object.values(r.counts).some((n) => n > 0)) await refreshStatistics();
      // Conditional: a lock lost after the check above has already closed the run as interrupted.
      await runs.updateRunning(tenantId, runId, {
        status: 'succeeded',
        phase: 'done',
        counts: r.counts,
        secretsEnc: r.secretsEnc,
        finishedAt: new Date(),
      });
      return 'succeeded';
    } catch (err) {
      // Without its lock whatever failed next (often the database itself) is not the story.
      const cause =
        lost.aborted && !(err instanceof RunInterruptedError)
          ? new RunInterruptedError({ cause: err, reason: lost.reason })
          : err;
      await runs.updateRunning(tenantId, runId, {
        status: 'failed',
        error: errorOf(cause),
        finishedAt: new Date(),
      });
      return cause instanceof RunInterruptedError ? 'interrupted' : 'failed';
    }
  }

  function launchExecute(
    run: RunRow,
    rt: ConnectorRuntime,
    { ops, houseNumber, known }: { ops: SyncOps; houseNumber: string; known: Map<string, number> },
  ) {
    runner.launch(run.tenantId, run.id, (lost) =>
      finish(run, lost, () =>
        executor.execute({
          tenantId: run.tenantId,
          runId: run.id,
          thirdType: rt.thirdType,
          corpId: rt.corpId,
          houseNumber,
          policy: rt.syncPolicy,
          actorUserId: run.actorUserId,
          ops,
          knownDepartments: known,
          lost,
        }),
      ),
    );
  }

  /** Read + plan + guard + apply of the whole directory, inside a launched run. */
  async function fullRun(
    tenantId: number,
    runId: number,
    rt: ConnectorRuntime,
    lost: AbortSignal,
    actorUserId: number | null,
  ) {
    const stored = await readAndPlan(
      tenantId,
      rt,
      // Losing the lock ends the read early; the run then stops before any write.
      () => rt.connector.directory.read({ signal: lost }),
      actorUserId,
    );
    if (lost.aborted) throw new RunInterruptedError({ cause: lost.reason });
    await runs.markPlanUsed(tenantId, stored.id);
    const stop = guard(stored.stored, stored.ops, rt.syncPolicy);
    if (stop) {
      await runs.updateRun(tenantId, runId, {
        planId: stored.id,
        status: 'needs_confirmation',
        phase: 'confirm',
        error: stop,
        decisions: { pairs: [], exclude: [] },
      });
      return null;
    }
    await runs.updateRun(tenantId, runId, { planId: stored.id });
    return executor.execute({
      tenantId,
      runId: runId,
      thirdType: rt.thirdType,
      corpId: rt.corpId,
      houseNumber: stored.local.houseNumber,
      policy: rt.syncPolicy,
      actorUserId: actorUserId,
      ops: stored.ops,
      knownDepartments: knownDepartments(stored.local),
      lost,
    });
  }

  /** Opens a running row for a background run (one per tenant: 409 sync.run_active). */
  async function openRun(
    tenantId: number,
    thirdType: ThirdType,
    opts: { trigger: Exclude<SyncTrigger, 'manual'>; actorUserId: number | null },
  ) {
    return runner.insertGuarded(() =>
      db.transaction(async (tx) => {
        await runner.claim(tx, tenantId);
        return createSyncRunsRepo(tx).insertRun(tenantId, {
          thirdType,
          trigger: opts.trigger,
          actorUserId: opts.actorUserId,
          status: 'running',
          phase: 'reading',
        });
      }),
    );
  }

  async function getRun(ctx: TenantContext, id: number): Promise<RunView> {
    const run = await runs.findRun(ctx.tenantId, id);
    if (!run) throw notFound('sync run', 'sync.run_not_found');
    return runView(run);
  }

  return {
    launchExecute,
    getRun,

    /** Read + plan + apply with no admin decisions: the path of scheduled, callback and API runs. */
    async runNow(
      tenantId: number,
      thirdType: ThirdType,
      opts: {
        trigger: Exclude<SyncTrigger, 'manual'>;
        actorUserId: number | null;
        /** Who started it by hand (POST /sys/thirdApp/sync/run): audited as sync.started. */
        who?: Who;
      },
    ) {
      const rt = await runtime(tenantId, thirdType);
      const run = await openRun(tenantId, thirdType, opts);
      if (opts.who) {
        await createAuditRecorder(db).record(tenantId, {
          ...opts.who,
          action: 'sync.started',
          targetType: 'sync_run',
          targetId: run.id,
          details: { thirdType, trigger: opts.trigger },
        });
      }
      runner.launch(tenantId, run.id, (lost) =>
        finish({ tenantId, id: run.id, trigger: opts.trigger }, lost, () =>
          fullRun(tenantId, run.id, rt, lost, opts.actorUserId),
        ),
      );
      return { runId: run.id };
    },

    /**
     * Contact events (PRODUCT.md §5.7) as one run (trigger 'callback', the tenant's one run, under
     * its lock): each event re-reads only the member or department it names and is applied
     * through the planner, trust re-checks and writers of a full sync (targeted.ts), in order.
     * `applied` is called after each event's writes committed. An event that only a full read can
     * decide (targeted.ts) turns the rest of the run into a full read + plan + guard + apply.
     */
    async runTargeted(
      tenantId: number,
      thirdType: ThirdType,
      events: TargetedEvent[],
      hooks: { applied(eventIds: number[], runId: number): Promise<void> },
    ): Promise<{ runId: number }> {
      const rt = await runtime(tenantId, thirdType);
      const run = await openRun(tenantId, thirdType, { trigger: 'callback', actorUserId: null });
      const stop = (ops: SyncOps) => guard({ partial: false }, ops, rt.syncPolicy);
      runner.launch(tenantId, run.id, (lost) =>
        finish({ tenantId, id: run.id, trigger: 'callback' }, lost, async () => {
          const counts: Record<string, number> = { writes: 0 };
          const shown: Record<string, string> = {};
          for (const e of events) {
            if (lost.aborted) throw new RunInterruptedError({ cause: lost.reason });
            const planned = await planTargeted(db, rt, tenantId, e, providerFailure, stop);
            if (planned.kind === 'full') return fullRun(tenantId, run.id, rt, lost, null);
            const r = await executor.execute({
              tenantId,
              runId: run.id,
              thirdType,
              corpId: rt.corpId,
              houseNumber: planned.houseNumber,
              policy: rt.syncPolicy,
              actorUserId: null,
              ops: planned.ops,
              knownDepartments: planned.known,
              lost,
            });
            for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + v;
            if (r.secretsEnc) Object.assign(shown, JSON.parse(box.open(r.secretsEnc)));
            await hooks.applied([e.id], run.id);
          }
          return {
            counts,
            secretsEnc: Object.keys(shown).length ? box.seal(JSON.stringify(shown)) : null,
          };
        }),
      );
      return { runId: run.id };
    },

    async listRuns(ctx: TenantContext, page: number, pageSize: number) {
      const r = await runs.listRuns(ctx.tenantId, page, pageSize);
      return { records: r.records.map(runView), total: r.total };
    },

    async listItems(
      ctx: TenantContext,
      runId: number,
      f: { outcome?: 'ok' | 'failed' | 'skipped'; page: number; pageSize: number },
    ) {
      await getRun(ctx, runId);
      const r = await runs.listItems(ctx.tenantId, runId, f);
      return {
        records: r.records.map((i) => ({
          id: i.id,
          kind: i.kind,
          action: i.action,
          extId: i.extId,
          label: i.label,
          userId: i.userId,
          outcome: i.outcome,
          reason: i.reason,
          providerCode: i.providerCode,
          message: i.message,
        })),
        total: r.total,
      };
    },

    /** Generated initial passwords (policy `random`): returned once, then erased. */
    async takePasswords(ctx: TenantContext, runId: number) {
      const run = await runs.findRun(ctx.tenantId, runId);
      if (!run) throw notFound('sync run', 'sync.run_not_found');
      if (!run.secretsEnc)
        throw conflict(
          'sync.passwords_gone',
          'There are no initial passwords to show for this run: they are shown once, or the policy does not generate them.',
        );
      await runs.updateRun(ctx.tenantId, runId, { secretsEnc: null });
      const map = JSON.parse(box.open(run.secretsEnc)) as Record<string, string>;
      return {
        records: Object.entries(map).map(([username, password]) => ({ username, password })),
      };
    },
  };
}
export type SyncRuns = ReturnType<typeof createSyncRuns>;
