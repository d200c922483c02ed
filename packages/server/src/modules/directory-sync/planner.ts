import { badRequest } from '../../lib/errors';
import { departmentPlanView, planDepartments, type DepartmentOps } from './departments-plan';
import { matchMembers, type MatchResult } from './matcher';
import { ownershipOf } from '../policy/trust';
import {
  boundOp,
  departmentChange,
  extDataOf,
  pairedOp,
  type MemberOp,
  type OpsContext,
} from './member-ops';
import { idKey } from './normalise';
import type {
  Decisions,
  ExtMember,
  LocalBinding,
  CorpState,
  LocalState,
  LocalUser,
  PlanPair,
  StoredSnapshot,
  SyncPlan,
} from './sync.types';

const NORMAL = 1;
const QUIT = 2;

export type { MemberOp } from './member-ops';
export { extDataOf } from './member-ops';

export interface LeaveOp {
  userId: number;
  bindingId: number;
  wechatUserId: string;
  reason: 'deleted' | 'left';
  setQuit: boolean;
}

/** A pending link request withdrawn by the run: its member left, or the admin paired otherwise. */
export interface CancelOp {
  requestId: number;
  wechatUserId: string;
  reason: 'member_left' | 'repaired';
}

export interface SyncOps {
  departments: DepartmentOps;
  members: MemberOp[];
  leavers: LeaveOp[];
  /** Pending link requests to cancel, before any member is written. */
  cancelRequests: CancelOp[];
  /** Members an admin unbound (移出) and nobody paired by hand: left unbound, reported. */
  unpaired: ExtMember[];
  /** Members whose account's owner refused the link request, not paired by hand since. */
  ownerRefused: ExtMember[];
  /**
   * The admin's 排除 decisions to store (members of this plan, not bound) and stored ones to lift
   * (apply `include`, or an account picked by hand); written with the run's claim, not by it.
   */
  exclusions: { add: { extUserId: string; extName: string }[]; remove: string[] };
  /** Bound members kept because they are only outside the app's visible range. */
  outsideRange: number;
  /** Active bindings before the run: the base of the mass-change threshold. */
  activeBindings: number;
}

/** One answer for every account that cannot be picked: unknown, outside the tenant or bound. */
const unpickable = (userId: number) =>
  badRequest(
    'sync.pair_invalid',
    `System user ${userId} cannot be paired: pick an unbound member of this tenant.`,
  );

const pairedTwice = (userId: number) =>
  badRequest(
    'sync.pair_duplicate',
    `System user ${userId} is paired with two WeCom members; pick one.`,
  );

/**
 * Pairing after the admin's decisions: lower-cased WeCom userid → user id (null = create), the
 * members left out in this run, and the stored exclusions lifted (`include`, or a hand pick).
 */
export function resolvePairing(pairs: PlanPair[], local: LocalState, d: Decisions) {
  const chosen = new Map(pairs.map((p) => [idKey(p.wechatUserId), p.userId]));
  const rows = new Map(pairs.map((p) => [idKey(p.wechatUserId), p]));
  const bound = new Set(local.bindings.map((b) => b.userId));
  // Members only: an account outside the tenant is refused like an unknown id, even the row's
  // own hidden proposal, so that the answer confirms no guess (PRODUCT.md §7 "what a plan
  // reveals"). Keeping that proposal means sending no decision for the row.
  const known = new Map(local.members.map((u) => [u.userId, u]));
  // Any unbound member of the tenant; whether it binds or asks its owner is the policy's call.
  const pickable = new Set(
    local.members
      .filter((u) => ownershipOf(u) !== 'platform_admin' && !bound.has(u.userId))
      .map((u) => u.userId),
  );
  const seen = new Set<number>();
  const lifted = new Set<string>();
  for (const wechatUserId of d.include ?? []) {
    if (!rows.get(idKey(wechatUserId))?.excluded)
      throw badRequest(
        'sync.include_invalid',
        `WeCom member "${wechatUserId}" is not left out (排除) in this plan, so there is nothing to include. Reload the preview.`,
        { wechatUserId },
      );
    lifted.add(idKey(wechatUserId));
  }
  for (const { wechatUserId, userId } of d.pairs) {
    const row = rows.get(idKey(wechatUserId));
    // The row as the preview showed it, echoed back by a client that confirms "as proposed"
    // (bound rows included): no decision. It still holds its account against a re-pick.
    if (row && userId === pairView(row).userId) {
      if (userId !== null && seen.has(userId)) throw pairedTwice(userId);
      if (userId !== null) seen.add(userId);
      continue;
    }
    if (!row || row.match === 'bound') {
      throw badRequest(
        'sync.pair_invalid',
        `WeCom member "${wechatUserId}" is not pairable in this plan (unknown or already bound). Reload the preview.`,
      );
    }
    if (userId !== null) {
      const u = known.get(userId);
      if (!u) throw unpickable(userId);
      if (ownershipOf(u) === 'platform_admin') {
        throw badRequest(
          'sync.pair_not_allowed',
          `System user ${userId} is a platform administrator: no tenant can pair or bind it. Pick another member, or leave "${wechatUserId}" to get an account of its own.`,
          { wechatUserId, userId },
        );
      }
      if (seen.has(userId)) throw pairedTwice(userId);
      if (!pickable.has(userId) && row.userId !== userId) throw unpickable(userId);
      seen.add(userId);
      // Re-picking a user moves them: the row that proposed them falls back to "create".
      for (const [k, v] of chosen) if (v === userId) chosen.set(k, null);
    }
    chosen.set(idKey(wechatUserId), userId);
    // An account picked by hand for a member left out includes it again.
    if (userId !== null && row.excluded) lifted.add(idKey(wechatUserId));
  }
  const excluded = new Set(d.exclude.map(idKey));
  for (const k of excluded) lifted.delete(k);
  return { chosen, excluded, lifted };
}

export function corpStateOf(local: LocalState, corpId: string): CorpState {
  const requests = local.linkRequests.filter((r) => r.corpId === corpId);
  return {
    bindings: local.bindings.filter((b) => b.corpId === corpId),
    unpaired: new Set(
      local.unpaired.filter((x) => x.corpId === corpId).map((x) => idKey(x.extUserId)),
    ),
    pending: new Map(
      requests.filter((r) => r.status === 'pending').map((r) => [idKey(r.extUserId), r]),
    ),
    refused: new Set(requests.filter((r) => r.status === 'refused').map((r) => idKey(r.extUserId))),
    excluded: new Map(
      local.exclusions.filter((x) => x.corpId === corpId).map((x) => [idKey(x.extUserId), x]),
    ),
  };
}

const createOp = (m: ExtMember, ctx: OpsContext): MemberOp => ({
  ext: m,
  kind: 'create',
  userId: null,
  bindingId: null,
  binding: { create: true, extName: m.name, extData: extDataOf(m) },
  membership: { create: true, status: NORMAL, frozen: m.status === 'disabled' },
  departments: departmentChange(m, null, ctx),
});

/** Bound members gone from the corp (not merely outside the visible range) and requests to drop. */
function goneMembers(
  snapshot: StoredSnapshot,
  corp: CorpState,
  users: Map<number, LocalUser>,
  present: Set<string>,
  out: Pick<SyncOps, 'leavers' | 'cancelRequests'>,
): number {
  if (snapshot.partial) return 0;
  const hidden = new Set((snapshot.outsideRange ?? []).map(idKey));
  let outsideRange = 0;
  for (const b of corp.bindings) {
    const u = users.get(b.userId);
    if (!b.active || present.has(idKey(b.extUserId)) || !u) continue;
    // Still in the corp, only outside the app's visible range: not a leaver.
    if (hidden.has(idKey(b.extUserId))) {
      outsideRange++;
      continue;
    }
    out.leavers.push(leaveOp(b, u, b.extUserId, 'deleted'));
  }
  for (const [key, r] of corp.pending) {
    if (!present.has(key) && !hidden.has(key))
      out.cancelRequests.push({
        requestId: r.id,
        wechatUserId: r.extUserId,
        reason: 'member_left',
      });
  }
  return outsideRange;
}

function leaveOp(
  b: LocalBinding,
  u: LocalUser,
  wechatUserId: string,
  reason: LeaveOp['reason'],
): LeaveOp {
  // A platform administrator's membership is never changed by a tenant: only the binding ends.
  const setQuit = u.membershipStatus !== QUIT && ownershipOf(u) !== 'platform_admin';
  return { userId: b.userId, bindingId: b.id, wechatUserId, reason, setQuit };
}

/** Everything a run must write to reach the snapshot; empty when local already matches it. */
export function computeOps(
  snapshot: StoredSnapshot,
  local: LocalState,
  corp: CorpState,
  match: MatchResult,
  d: Decisions,
): SyncOps {
  const departments = planDepartments(snapshot.departments, local.departments);
  const ctx: OpsContext = {
    extDeptIds: new Set(snapshot.departments.map((x) => x.id)),
    extIdOfLocal: new Map(local.departments.map((x) => [x.id, x.extId])),
  };
  const users = new Map([...local.members, ...local.outsiders].map((u) => [u.userId, u]));
  const bindingByExt = new Map(corp.bindings.map((b) => [idKey(b.extUserId), b]));
  const { chosen, excluded: leftOut, lifted } = resolvePairing(match.pairs, local, d);
  const excluded = (key: string) =>
    leftOut.has(key) || (corp.excluded.has(key) && !lifted.has(key));
  const rowByKey = new Map(match.pairs.map((p) => [idKey(p.wechatUserId), p]));
  const ops: SyncOps = {
    departments,
    members: [],
    leavers: [],
    cancelRequests: [],
    unpaired: [],
    ownerRefused: [],
    exclusions: {
      // Only members of this plan that a run could create or pair: bound ones stay bound.
      add: [...leftOut]
        .map((k) => rowByKey.get(k))
        .filter((r): r is PlanPair => r !== undefined && r.match !== 'bound')
        .map((r) => ({ extUserId: r.wechatUserId, extName: r.wechatName })),
      remove: [...lifted].map((k) => corp.excluded.get(k)?.extUserId ?? k),
    },
    outsideRange: 0,
    activeBindings: corp.bindings.filter((b) => b.active).length,
  };
  const present = new Set<string>();
  for (const m of snapshot.members) {
    const key = idKey(m.userId);
    present.add(key);
    const b = bindingByExt.get(key);
    const bu = b ? users.get(b.userId) : undefined;
    const request = corp.pending.get(key);
    // Bound meanwhile (the member linked an account at WeCom sign-in): the request is moot.
    if (b && request)
      ops.cancelRequests.push({
        requestId: request.id,
        wechatUserId: m.userId,
        reason: 'repaired',
      });
    if (b && bu) {
      if (m.status !== 'left') {
        const op = boundOp(m, b, bu, ctx, !b.active && !corp.unpaired.has(key));
        if (op) ops.members.push(op);
      } else if (b.active || bu.membershipStatus !== QUIT) {
        ops.leavers.push(leaveOp(b, bu, m.userId, 'left'));
      }
      continue;
    }
    if (m.status === 'left') {
      if (request)
        ops.cancelRequests.push({
          requestId: request.id,
          wechatUserId: m.userId,
          reason: 'member_left',
        });
      continue;
    }
    if (excluded(key)) continue;
    const userId = chosen.get(key) ?? null;
    // Still waiting for the same owner: nothing to do.
    if (request && request.userId === userId) continue;
    // The admin paired the member otherwise: the open request is withdrawn first.
    if (request)
      ops.cancelRequests.push({
        requestId: request.id,
        wechatUserId: m.userId,
        reason: 'repaired',
      });
    const u = userId === null ? undefined : users.get(userId);
    const wasUnbound = corp.unpaired.has(key);
    if (u) {
      const op = pairedOp(m, u, ctx);
      if (op) ops.members.push(wasUnbound ? { ...op, clearsUnpaired: true } : op);
    }
    // Unbound by an admin (移出), or refused by the account's owner: only an account picked by
    // hand pairs it again; none is created.
    else if (wasUnbound) ops.unpaired.push(m);
    else if (corp.refused.has(key)) ops.ownerRefused.push(m);
    else ops.members.push(createOp(m, ctx));
  }
  ops.outsideRange = goneMembers(snapshot, corp, users, present, ops);
  return ops;
}

/** Matches and diffs; `decisions` are the admin's choices (none for a preview or a scheduled run). */
export function planAndOps(
  snapshot: StoredSnapshot,
  local: LocalState,
  corpId: string,
  decisions: Decisions = { pairs: [], exclude: [] },
): { plan: SyncPlan; ops: SyncOps } {
  const corp = corpStateOf(local, corpId);
  const match = matchMembers(snapshot.members, local, corp);
  const ops = computeOps(snapshot, local, corp, match, decisions);
  return { plan: planView(snapshot, local, corp, match, ops), ops };
}

/**
 * What the admin sees (PRODUCT.md §7 "what a plan reveals"): a proposed account outside the
 * tenant is named by nothing — no id, username or real name — only that its owner must accept.
 */
const pairView = (p: PlanPair): PlanPair =>
  p.outsider ? { ...p, userId: null, username: null, realname: null } : p;

/** Each WeCom department's path from its root, names joined by " / " (cycles cut). */
function departmentPaths(depts: StoredSnapshot['departments']): Record<string, string> {
  const byId = new Map(depts.map((d) => [d.id, d]));
  const paths = new Map<string, string>();
  const pathOf = (id: string, seen: Set<string>): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const d = byId.get(id);
    if (!d) return '';
    seen.add(id);
    const parent =
      d.parentId !== null && byId.has(d.parentId) && !seen.has(d.parentId)
        ? pathOf(d.parentId, seen)
        : '';
    const path = parent ? `${parent} / ${d.name}` : d.name;
    paths.set(id, path);
    return path;
  };
  for (const d of depts) pathOf(d.id, new Set());
  return Object.fromEntries(paths);
}

function planView(
  snapshot: StoredSnapshot,
  local: LocalState,
  corp: CorpState,
  match: MatchResult,
  ops: SyncOps,
): SyncPlan {
  const departments = departmentPlanView(ops.departments, local.departments);
  const byKind = (k: MemberOp['kind']) => ops.members.filter((o) => o.kind === k);
  const toUpdate = ops.members
    .filter((o) => o.kind === 'bind' || o.kind === 'update')
    .map((o) => ({
      wechatUserId: o.ext.userId,
      userId: o.userId as number,
      fields: [
        ...Object.keys(o.user ?? {}),
        ...(o.membership?.status !== undefined || o.membership?.frozen !== undefined
          ? ['status']
          : []),
        ...(o.membership?.displayName !== undefined ? ['displayName'] : []),
        ...(o.membership?.position !== undefined ? ['membershipPosition'] : []),
        ...(o.departments ? ['departments'] : []),
        ...(o.binding && !o.binding.create ? ['binding'] : []),
      ],
    }));
  const links = byKind('link');
  return {
    departments,
    members: {
      pairs: match.pairs.map(pairView),
      unmatchedLocal: match.unmatchedLocal,
      toCreate: byKind('create').map((o) => o.ext.userId),
      toPending: [],
      toLinkRequest: links.map((o) => o.ext.userId),
      toUpdate,
      leavers: ops.leavers.map(({ wechatUserId, userId, reason }) => ({
        wechatUserId,
        userId,
        reason,
      })),
      exclusions: [...corp.excluded.values()].map((x) => ({
        wechatUserId: x.extUserId,
        wechatName: x.extName,
      })),
      departmentPaths: departmentPaths(snapshot.departments),
    },
    partial: snapshot.partial,
    counts: {
      wecomMembers: snapshot.members.length,
      wecomDepartments: snapshot.departments.length,
      bound: match.pairs.filter((p) => p.match === 'bound').length,
      matched: match.pairs.filter(
        (p) => p.match !== 'bound' && p.match !== 'requested' && p.userId !== null,
      ).length,
      ambiguous: match.pairs.filter((p) => p.ambiguous).length,
      create: byKind('create').length,
      bind: byKind('bind').length,
      pending: 0,
      linkRequests: links.length,
      linkRequestsCancelled: ops.cancelRequests.length,
      update: byKind('update').length,
      leave: ops.leavers.length,
      outsideRange: ops.outsideRange,
      unpaired: ops.unpaired.length,
      ownerRefused: ops.ownerRefused.length,
      excluded: match.pairs.filter((p) => p.excluded).length,
      unmatchedLocal: match.unmatchedLocal.length,
      departmentsCreate: departments.create.length,
      departmentsRename: departments.rename.length,
      departmentsMove: departments.move.length,
      departmentsRemove: departments.remove.length,
    },
  };
}

/** True when the run changes nothing at all. */
export const opsEmpty = (o: SyncOps) =>
  o.members.length === 0 &&
  o.leavers.length === 0 &&
  o.cancelRequests.length === 0 &&
  o.departments.create.length === 0 &&
  o.departments.update.length === 0 &&
  o.departments.remove.length === 0;
