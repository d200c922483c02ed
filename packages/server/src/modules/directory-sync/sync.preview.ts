import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  ConnectorError,
  type DirectorySnapshot,
  type Explanation,
  type Locale,
} from '../../connectors/kit';
import type { Db } from '../../db/client';
import type { SyncPolicy, ThirdType } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import type { ConnectorRuntime } from '../third-app-config/third-app-config.service';
import { lookupUnmatched } from './lookup';
import { planAndOps, type SyncOps } from './planner';
import { createSyncRunsRepo } from './sync-runs.repo';
import { createSyncStateRepo } from './sync-state.repo';
import type { StoredSnapshot, SyncPlan } from './sync.types';

// Preview: read WeCom's directory, plan it against the local state, store the plan.

// In the libuv pool, not on the event loop: a 50k-member snapshot is tens of MB of JSON.
const gzipAsync = promisify(gzip);

const PLAN_TTL_MS = 60 * 60 * 1000;

export type SyncRuntime = (
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

/** One provider call that failed during a read, as a plan keeps it and a run reports it. */
interface ReadProblem {
  api: string;
  errcode: number;
  explanation: Record<Locale, Explanation>;
}

/** The stored snapshot of a plan; a partial one keeps why it is partial. */
export type PlanSnapshot = StoredSnapshot & { problems?: ReadProblem[] };

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

export function createSyncPreview(deps: { db: Db; runtime: SyncRuntime }) {
  const { db, runtime } = deps;
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

  return {
    readAndPlan,

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
  };
}
export type SyncPreview = ReturnType<typeof createSyncPreview>;
