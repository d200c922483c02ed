import type { Db } from '../../db/client';
import type { SyncPolicy, ThirdType } from '../../db/schema';
import { faultMessage, findPgError } from '../../lib/pg-error';
import type { SecretBox } from '../../lib/secrets';
import { initialCredential } from './credentials';
import { chunks, writeDepartments } from './department-writer';
import { cancelLinkRequests, writeLeavers, writeMembers, type WriteContext } from './member-writer';
import { maskName } from './normalise';
import type { CancelOp, LeaveOp, MemberOp, SyncOps } from './planner';
import { RunInterruptedError } from './sync-runner';
import { createSyncRunsRepo, type ItemInsert } from './sync-runs.repo';

const MEMBER_CHUNK = 500;

export interface ExecuteInput {
  tenantId: number;
  runId: number;
  thirdType: ThirdType;
  corpId: string;
  houseNumber: string;
  policy: SyncPolicy;
  /** The admin who applied or called the API; null for scheduled and callback runs. */
  actorUserId: number | null;
  ops: SyncOps;
  /** ext department id → local id of departments mirrored before the run. */
  knownDepartments: Map<string, number>;
  /** Aborts when the run's lock is lost (sync-runner.ts): stop before the next write. */
  lost?: AbortSignal;
}

/** The safe point of a run: between two transactions, each all-or-nothing per member. */
function stopIfLost(input: ExecuteInput) {
  if (input.lost?.aborted) throw new RunInterruptedError({ cause: input.lost.reason });
}

type Counts = Record<string, number>;

function memberReason(o: MemberOp): string {
  if (o.held) return o.held;
  if (o.kind === 'create') return 'account_created';
  if (o.kind === 'link') return 'awaiting_owner';
  if (o.kind === 'bind') return 'bound';
  if (o.binding && !o.binding.create && o.membership?.status === 1) return 'restored';
  if (o.membership?.frozen === true) return 'frozen';
  return 'updated';
}

/**
 * A link request's item names no account (PRODUCT.md §7): the owner has not accepted, and an
 * account outside the tenant must not even be identified by its id. Nor does the item of a member
 * whose generated username an account outside the tenant holds. A held op is `skipped`.
 */
const memberItem = (o: MemberOp, outcome: 'ok' | 'failed', err?: unknown): ItemInsert => ({
  kind: 'member',
  action: o.kind === 'link' ? 'link_requested' : o.kind,
  extId: o.ext.userId,
  label: o.kind === 'link' || o.held === 'username_taken' ? '' : maskName(o.ext.name),
  userId: o.link?.outsider ? null : o.userId,
  outcome: outcome === 'ok' && o.held ? 'skipped' : outcome,
  reason: outcome === 'ok' ? memberReason(o) : failureReason(err),
  message: err ? faultMessage(err).slice(0, 300) : null,
});

function failureReason(err: unknown): string {
  const pg = findPgError(err);
  if (pg?.code === '23505') return 'conflict_duplicate';
  if (pg?.code === '23503') return 'conflict_reference';
  return 'write_failed';
}

interface ChunkResult {
  writes: number;
  items: ItemInsert[];
  delta: Counts;
}

/** Counts that are not items of progress: rows written, members deliberately left alone. */
const PROGRESS_KEYS = new Set(['writes', 'unpaired']);

function add(into: Counts, delta: Counts) {
  for (const [k, v] of Object.entries(delta)) into[k] = (into[k] ?? 0) + v;
}

function tallyMembers(ops: MemberOp[]): Counts {
  const delta: Counts = {};
  for (const o of ops) delta[memberReason(o)] = (delta[memberReason(o)] ?? 0) + 1;
  return delta;
}

/** Applies precomputed ops in short batched transactions, recording progress with each batch. */
export function createSyncExecutor(deps: { db: Db; box: SecretBox }) {
  const { db, box } = deps;

  /** One transaction: the writes, their run items and the progress row commit together. */
  async function chunkTx(
    input: ExecuteInput,
    counts: Counts,
    work: (tx: Db) => Promise<ChunkResult>,
  ) {
    stopIfLost(input);
    const next = { ...counts };
    await db.transaction(async (tx) => {
      const r = await work(tx);
      add(next, { ...r.delta, writes: r.writes });
      const runs = createSyncRunsRepo(tx);
      await runs.insertItems(input.tenantId, input.runId, r.items);
      const done = Object.entries(next)
        .filter(([k]) => !PROGRESS_KEYS.has(k))
        .reduce((a, [, v]) => a + v, 0);
      const stillRunning = await runs.updateRunning(input.tenantId, input.runId, {
        counts: next,
        done,
        heartbeatAt: new Date(),
      });
      // Closed meanwhile (lock lost → interrupted; another run may already be writing): roll back.
      if (!stillRunning) throw new RunInterruptedError({ cause: input.lost?.reason });
    });
    Object.assign(counts, next);
    // The embedded database runs on this thread and every statement resolves as a microtask, so
    // without a turn of the event loop no request (progress polls, sign-ins) is even read until
    // the whole run is over.
    await new Promise<void>((r) => setImmediate(r));
  }

  async function writeMemberOps(tx: Db, ctx: WriteContext, ops: MemberOp[]): Promise<ChunkResult> {
    const r = await writeMembers(tx, ctx, ops);
    // A member whose op the ownership re-check dropped entirely still counts as done.
    const dropped = ops.length - r.ops.length;
    return {
      writes: r.writes,
      items: r.ops.map((o) => memberItem(o, 'ok')),
      delta: { ...tallyMembers(r.ops), ...(dropped > 0 ? { unchanged: dropped } : {}) },
    };
  }

  async function memberChunk(
    input: ExecuteInput,
    ctx: WriteContext,
    part: MemberOp[],
    counts: Counts,
    shown: Record<string, string>,
  ) {
    for (const o of part.filter((x) => x.kind === 'create')) {
      ctx.credentials.set(
        o.ext.userId,
        initialCredential(input.policy.initialPassword, input.houseNumber + o.ext.userId),
      );
    }
    const reveal = (ok: MemberOp[]) => {
      for (const o of ok) {
        const shownPassword =
          o.kind === 'create' ? ctx.credentials.get(o.ext.userId)?.shown : undefined;
        if (shownPassword) shown[input.houseNumber + o.ext.userId] = shownPassword;
      }
    };
    const before = part.map((o) => o.userId);
    try {
      await chunkTx(input, counts, (tx) => writeMemberOps(tx, ctx, part));
      reveal(part);
      return;
    } catch (err) {
      if (err instanceof RunInterruptedError) throw err;
      // Rolled back: forget ids assigned by the failed insert, then go member by member so one
      // bad record never fails the others (each member is still all-or-nothing).
      part.forEach((o, i) => (o.userId = before[i] ?? null));
    }
    for (const o of part) {
      const original = o.userId;
      try {
        await chunkTx(input, counts, (tx) => writeMemberOps(tx, ctx, [o]));
        reveal([o]);
      } catch (err) {
        if (err instanceof RunInterruptedError) throw err;
        o.userId = original;
        await chunkTx(input, counts, async () => ({
          writes: 0,
          items: [memberItem(o, 'failed', err)],
          delta: { failed: 1 },
        }));
      }
    }
  }

  async function departmentPhase(
    input: ExecuteInput,
    counts: Counts,
  ): Promise<Map<string, number>> {
    const d = input.ops.departments;
    let ids = input.knownDepartments;
    if (d.create.length + d.update.length + d.remove.length === 0) return ids;
    const item = (action: string, extId: string, label: string, reason: string): ItemInsert => ({
      kind: 'department',
      action,
      extId,
      label,
      outcome: 'ok',
      reason,
    });
    const items = [
      ...d.create.map((x) => item('create', x.extId, x.name, 'department_created')),
      ...d.update.map((x) =>
        item(
          'update',
          x.extId,
          x.name ?? '',
          x.parentExtId !== undefined
            ? 'department_moved'
            : x.name !== undefined
              ? 'department_renamed'
              : 'department_reordered',
        ),
      ),
      ...d.remove.map((x) => item('remove', x.extId, x.name, 'department_removed')),
    ];
    await chunkTx(input, counts, async (tx) => {
      const r = await writeDepartments(tx, input.tenantId, d, input.knownDepartments);
      ids = r.ids;
      return {
        writes: r.writes,
        items,
        delta: {
          departmentsCreated: d.create.length,
          departmentsUpdated: d.update.length,
          departmentsRemoved: d.remove.length,
        },
      };
    });
    return ids;
  }

  async function leaverChunk(
    input: ExecuteInput,
    ctx: WriteContext,
    part: LeaveOp[],
    counts: Counts,
  ) {
    await chunkTx(input, counts, async (tx) => {
      const { writes, kept } = await writeLeavers(tx, ctx, part);
      // The tenant's last active admin stays a member (its binding still ends).
      const held = (o: LeaveOp) => o.setQuit && kept.has(o.userId);
      const items = part.map((o): ItemInsert => ({
        kind: 'member',
        action: 'leave',
        extId: o.wechatUserId,
        userId: o.userId,
        outcome: held(o) ? 'skipped' : 'ok',
        reason: held(o)
          ? 'last_admin_kept'
          : o.reason === 'left'
            ? 'left_wecom'
            : 'deleted_in_wecom',
      }));
      const keptCount = part.filter(held).length;
      return {
        writes,
        items,
        delta: {
          left: part.length - keptCount,
          ...(keptCount > 0 ? { last_admin_kept: keptCount } : {}),
        },
      };
    });
  }

  /** Pending link requests withdrawn before any member is written (a member may be re-asked). */
  async function cancelPhase(input: ExecuteInput, ctx: WriteContext, counts: Counts) {
    const cancels: CancelOp[] = input.ops.cancelRequests;
    if (cancels.length === 0) return;
    const items = cancels.map((c): ItemInsert => ({
      kind: 'member',
      action: 'link_cancelled',
      extId: c.wechatUserId,
      outcome: 'ok',
      reason: c.reason,
    }));
    await chunkTx(input, counts, async (tx) => ({
      writes: await cancelLinkRequests(
        tx,
        ctx,
        cancels.map((c) => c.requestId),
      ),
      items,
      delta: { linkRequestsCancelled: cancels.length },
    }));
  }

  return {
    async execute(input: ExecuteInput): Promise<{ counts: Counts; secretsEnc: string | null }> {
      const runs = createSyncRunsRepo(db);
      const { ops } = input;
      stopIfLost(input);
      const counts: Counts = { writes: 0 };
      // Unbound by an admin (移出) and not paired by hand: nothing to write, but the run says so.
      if (ops.unpaired.length > 0) counts.unpaired = ops.unpaired.length;
      const d = ops.departments;
      const total =
        d.create.length +
        d.update.length +
        d.remove.length +
        ops.cancelRequests.length +
        ops.members.length +
        ops.leavers.length;
      await runs.updateRun(input.tenantId, input.runId, {
        phase: 'departments',
        total,
        done: 0,
        counts,
      });
      const deptIds = await departmentPhase(input, counts);
      await runs.updateRun(input.tenantId, input.runId, { phase: 'members' });
      const ctx: WriteContext = {
        tenantId: input.tenantId,
        thirdType: input.thirdType,
        corpId: input.corpId,
        houseNumber: input.houseNumber,
        actorUserId: input.actorUserId,
        runId: input.runId,
        deptIds,
        credentials: new Map(),
      };
      await cancelPhase(input, ctx, counts);
      const shown: Record<string, string> = {};
      for (const part of chunks(ops.members, MEMBER_CHUNK))
        await memberChunk(input, ctx, part, counts, shown);
      await runs.updateRun(input.tenantId, input.runId, { phase: 'leavers' });
      for (const part of chunks(ops.leavers, MEMBER_CHUNK))
        await leaverChunk(input, ctx, part, counts);
      return {
        counts,
        secretsEnc: Object.keys(shown).length ? box.seal(JSON.stringify(shown)) : null,
      };
    },
  };
}
export type SyncExecutor = ReturnType<typeof createSyncExecutor>;
