import { createHash, randomUUID } from 'node:crypto';
import {
  ConnectorError,
  type DirectorySnapshot,
  type Explanation,
  type Locale,
} from '../../connectors/kit';
import type { Database, Db } from '../../db/client';
import { sql } from 'drizzle-orm';
import {
  departments,
  memberships,
  thirdAccounts,
  userDepartments,
  users,
  type SyncPolicy,
  type SyncTrigger,
  type ThirdType,
} from '../../db/schema';
import { AppError, conflict, notFound } from '../../lib/errors';
import { fallbackLog } from '../../lib/log';
import { faultMessage } from '../../lib/pg-error';
import type { TenantContext } from '../../lib/route';
import { createAuditRepo, type AuditActor } from '../audit/audit.repo';
import type { SecretBox } from '../../lib/secrets';
import type { ConnectorRuntime } from '../third-app-config/third-app-config.service';
import { lookupUnmatched } from './lookup';
import { planAndOps, type SyncOps } from './planner';
import { planTargeted, type TargetedEvent } from './targeted';
import { createSyncExecutor } from './sync-executor';
import { createSyncRunner, isShutdown, RunInterruptedError } from './sync-runner';
import { createSyncRunsRepo, type PlanHead, type RunRow } from './sync-runs.repo';
import { createSyncExclusionsRepo } from './sync-exclusions.repo';
import { createSyncStateRepo, EXT_SOURCE } from './sync-state.repo';
import type { Decisions, StoredSnapshot, SyncPlan } from './sync.types';
import { runView, type RunView } from './sync.views';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

// In the libuv pool, not on the event loop: a 50k-member snapshot is tens of MB of JSON.
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Who acted on a run, for its audit entry (the person or the API key, and the address). */
type Who = AuditActor & { ip?: string };

const notAwaiting = () =>
  conflict('sync.not_awaiting_confirmation', 'This run is not waiting for a confirmation.');

/** The code of the stop a run waits on (threshold, partial read…), never its full text. */
const stopReason = (error: unknown) => (error as { code?: string } | null)?.code ?? null;

const PLAN_TTL_MS = 60 * 60 * 1000;

type Log = { error(obj: unknown, msg?: string): void };
type Runtime = (
  tenantId: number,
  thirdType: ThirdType,
  opts?: { requireEnabled?: boolean },
) => Promise<ConnectorRuntime>;

/** A provider failure as the 502 an admin can act on: errcode, meaning and fix (zh-CN + en). */
export function providerFailure(err: ConnectorError): AppError {
  const zh = err.info.explanation['zh-CN'];
  const en = err.info.explanation.en;
  return new AppError(
    'sync.provider_error',
    502,
    `读取企业微信通讯录失败 (errcode ${err.info.providerCode}): ${zh.title}。${zh.fix} — Reading the WeCom directory failed: ${en.title}. ${en.cause} ${en.fix}`,
    {
      providerCode: err.info.providerCode,
      api: err.info.api,
      fromIp: err.info.fromIp ?? null,
      explanation: err.info.explanation,
    },
  );
}

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

/** One provider call that failed during a read, as a plan keeps it and a run reports it. */
interface ReadProblem {
  api: string;
  errcode: number;
  explanation: Record<Locale, Explanation>;
}

/** The stored snapshot of a plan; a partial one keeps why it is partial. */
type PlanSnapshot = StoredSnapshot & { problems?: ReadProblem[] };

/** At most this many failed reads are kept on a plan and a run (the first one is explained). */
const MAX_PROBLEMS = 20;

const problemOf = (e: ConnectorError): ReadProblem => ({
  api: e.info.api,
  errcode: e.info.providerCode,
  explanation: e.info.explanation,
});

/** The partial-read stop: which API failed, its errcode and what it means and fixes (zh-CN, en). */
function partialRead(problems: readonly ReadProblem[]): Record<string, unknown> {
  const first = problems[0];
  const rest = problems.length - 1;
  if (!first) {
    return {
      code: 'sync.partial_read',
      message:
        '企业微信通讯录有部分未能读取，未读到的成员不会被当作离职。确认后只应用已读取的部分，或修复原因后重新同步。 — Part of the WeCom directory could not be read, so members missing from it are not treated as leavers. Confirm to apply what was read, or fix the cause and sync again.',
    };
  }
  const zh = first.explanation['zh-CN'];
  const en = first.explanation.en;
  return {
    code: 'sync.partial_read',
    message:
      `企业微信通讯录有部分未能读取：${first.api} 失败 (errcode ${first.errcode})：${zh.title}。${zh.fix}` +
      `${rest > 0 ? `（另有 ${rest} 次读取失败）` : ''}未读到的成员不会被当作离职。确认后只应用已读取的部分，或修复原因后重新同步。` +
      ` — Part of the WeCom directory could not be read: ${first.api} failed (errcode ${first.errcode}): ${en.title}. ${en.cause} ${en.fix}` +
      `${rest > 0 ? ` (${rest} more reads failed.)` : ''} Members missing from it are not treated as leavers. Confirm to apply what was read, or fix the cause and sync again.`,
    api: first.api,
    errcode: first.errcode,
    explanation: first.explanation,
    ...(rest > 0 ? { problems: problems.slice(0, MAX_PROBLEMS) } : {}),
  };
}

/** Mass-change threshold and partial-read guard (PRODUCT.md §5.2.4): stop and ask instead. */
export function guard(
  snapshot: Pick<PlanSnapshot, 'partial' | 'problems'>,
  ops: SyncOps,
  policy: SyncPolicy,
): Record<string, unknown> | null {
  if (snapshot.partial) return partialRead(snapshot.problems ?? []);
  const leaving = ops.leavers.length;
  if (ops.activeBindings > 0 && leaving / ops.activeBindings > policy.massChangeThreshold) {
    return {
      code: 'sync.mass_change',
      message: `This run would mark ${leaving} of ${ops.activeBindings} bound members as left, more than the tenant's threshold of ${Math.round(policy.massChangeThreshold * 100)}%. Check the app's visible range (可见范围); confirm to proceed.`,
      leaving,
      bound: ops.activeBindings,
      threshold: policy.massChangeThreshold,
    };
  }
  return null;
}

/** What a run writes when the plan had nothing to do and nothing changed since. */
const NO_OPS: SyncOps = {
  departments: { create: [], update: [], remove: [] },
  members: [],
  leavers: [],
  cancelRequests: [],
  unpaired: [],
  ownerRefused: [],
  exclusions: { add: [], remove: [] },
  outsideRange: 0,
  activeBindings: 0,
};

/**
 * Whether the plan has no op of any kind (members to create, bind, hold pending, ask an owner
 * about, update or mark left; link requests to withdraw; members left unbound after 移出, which a run reports; department creates, renames, moves,
 * removals and reorders). A count that is missing counts as work, to be safe.
 */
function hasNoOps(plan: SyncPlan): boolean {
  const c = plan.counts as unknown as Record<string, number | undefined>;
  const work = [
    'create',
    'bind',
    'pending',
    'linkRequests',
    'linkRequestsCancelled',
    'update',
    'leave',
    'unpaired',
    'departmentsCreate',
    'departmentsRename',
    'departmentsMove',
    'departmentsRemove',
  ].reduce((sum, k) => sum + (c[k] ?? 1), 0);
  return work + plan.departments.reorder.length === 0;
}

const storedOf = (s: DirectorySnapshot): PlanSnapshot => ({
  departments: s.departments,
  members: s.members,
  partial: s.partial,
  ...(s.outsideRange ? { outsideRange: s.outsideRange } : {}),
  ...(s.problems.length > 0 ? { problems: s.problems.slice(0, MAX_PROBLEMS).map(problemOf) } : {}),
});

export function createDirectorySyncService(deps: {
  db: Db;
  database: Pick<Database, 'kind' | 'withAdvisoryLock'>;
  box: SecretBox;
  runtime: Runtime;
  logLevel?: string;
  /** The app's logger; without it (tests, scripts) JSON lines on stderr unless `logLevel` is silent. */
  log?: Log;
  /** Each run's end, with its trigger, outcome and duration (GET /metrics). */
  onRunFinished?: (run: { trigger: SyncTrigger; outcome: string; seconds: number }) => void;
  /** Epoch ms until which a shutdown waits for running runs (SHUTDOWN_GRACE_S); unset: no limit. */
  shutdownDeadline?: () => number;
}) {
  const { db, box, runtime } = deps;
  // Only a crashed background run is logged here; its explanation is stored on the run row.
  const log: Log = deps.log ?? {
    error:
      deps.logLevel === 'silent'
        ? () => {}
        : (obj, msg) => fallbackLog().error(obj as object, msg ?? 'sync'),
  };
  const runner = createSyncRunner({ db, database: deps.database, log });
  const executor = createSyncExecutor({ db, box });
  const runs = createSyncRunsRepo(db);

  async function read(rt: ConnectorRuntime): Promise<DirectorySnapshot> {
    try {
      return await rt.connector.directory.read();
    } catch (err) {
      if (err instanceof ConnectorError) throw providerFailure(err);
      throw err;
    }
  }

  /**
   * Reads WeCom's directory and stores a plan of it against the local state. The tenant's side of
   * the local state loads while WeCom is read (the read waits on the network, the load on the
   * database); only the accounts outside the tenant need WeCom's member list.
   */
  async function readAndPlan(
    tenantId: number,
    rt: ConnectorRuntime,
    readSnapshot: () => Promise<DirectorySnapshot>,
    createdBy: number | null,
  ) {
    const state = createSyncStateRepo(db);
    // Version first: a local change after this point makes the plan stale rather than wrong.
    const localVersion = await state.localVersion(tenantId);
    const [snapshot, side] = await Promise.all([
      readSnapshot(),
      state.loadTenantSide(tenantId, rt.thirdType),
    ]);
    let local = await state.withOutsiders(tenantId, side, snapshot.members);
    let stored = storedOf(snapshot);
    let { plan, ops } = planAndOps(stored, local, rt.corpId);
    // WeCom hides mobile and e-mail from new apps: ask it about the still-unmatched own members
    // (lookup.ts). What it answers joins the stored snapshot, so apply re-plans the same pairs.
    const found = await lookupUnmatched({
      tenantId,
      corpId: rt.corpId,
      reader: rt.connector.directory,
      members: stored.members,
      pairs: plan.members.pairs,
      unmatchedLocal: plan.members.unmatchedLocal,
      localMembers: local.members,
    });
    if (found.members) {
      stored = { ...stored, members: found.members };
      local = await state.withOutsiders(tenantId, side, found.members);
      ({ plan, ops } = planAndOps(stored, local, rt.corpId));
    }
    if (found.report) plan.lookups = found.report;
    const id = randomUUID();
    const snapshotJson = JSON.stringify(stored);
    await runs.insertPlan(tenantId, {
      id,
      thirdType: rt.thirdType,
      corpId: rt.corpId,
      createdBy,
      localVersion,
      snapshotHash: createHash('sha256').update(snapshotJson).digest('hex'),
      partial: snapshot.partial,
      snapshotGz: await gzipAsync(snapshotJson, { level: 1 }),
      counts: { ...plan.counts },
      noOps: hasNoOps(plan),
      expiresAt: new Date(Date.now() + PLAN_TTL_MS),
    });
    await runs.prunePlans(tenantId);
    return { id, plan, ops, stored, local, snapshot };
  }

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

  function knownDepartments(local: { departments: { id: number; extId: string | null }[] }) {
    return new Map(
      local.departments.filter((d) => d.extId !== null).map((d) => [d.extId as string, d.id]),
    );
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

  return {
    /** App close: waits for running runs until the shutdown deadline, then stops them. */
    drain: () => runner.drain(deps.shutdownDeadline?.()),

    async preview(ctx: TenantContext, thirdType: ThirdType) {
      const rt = await runtime(ctx.tenantId, thirdType);
      const { id, plan, snapshot } = await readAndPlan(
        ctx.tenantId,
        rt,
        () => read(rt),
        ctx.userId,
      );
      const problems = snapshot.problems.map((p) => ({
        providerCode: p.info.providerCode,
        api: p.info.api,
        explanation: p.info.explanation,
      }));
      return {
        planId: id,
        ...plan,
        counts: { ...plan.counts } as Record<string, number>,
        problems,
      };
    },

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
          await createAuditRepo(tx).record(ctx.tenantId, {
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
          await createAuditRepo(tx).record(ctx.tenantId, {
            ...who,
            action: 'sync.confirmed',
            targetType: 'sync_run',
            targetId: run.id,
            details: { thirdType: run.thirdType, stoppedBy: stopReason(run.error) },
          });
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
        await createAuditRepo(tx).record(ctx.tenantId, {
          ...who,
          action: 'sync.cancelled',
          targetType: 'sync_run',
          targetId: runId,
          details: { thirdType: run.thirdType, stoppedBy: stopReason(run.error) },
        });
        return runView((await r.findRun(ctx.tenantId, runId))!);
      });
    },

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
        await createAuditRepo(db).record(tenantId, {
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

    async getRun(ctx: TenantContext, id: number): Promise<RunView> {
      const run = await runs.findRun(ctx.tenantId, id);
      if (!run) throw notFound('sync run', 'sync.run_not_found');
      return runView(run);
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
      await this.getRun(ctx, runId);
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

    extSource: EXT_SOURCE,
  };
}
export type DirectorySyncService = ReturnType<typeof createDirectorySyncService>;
