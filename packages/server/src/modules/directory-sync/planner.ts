import { badRequest } from '../../lib/errors';
import { departmentPlanView, planDepartments, type DepartmentOps } from './departments-plan';
import { matchMembers, type MatchResult } from './matcher';
import { idKey } from './normalise';
import type {
  Decisions,
  ExtMember,
  LocalBinding,
  LocalState,
  LocalUser,
  PlanPair,
  StoredSnapshot,
  SyncPlan,
} from './sync.types';

const QUIT = 2;
const PENDING = 3;
const NORMAL = 1;

export interface MemberOp {
  ext: ExtMember;
  kind: 'create' | 'bind' | 'pending' | 'update';
  userId: number | null;
  bindingId: number | null;
  user?: { realname?: string; position?: string | null };
  /** `create` = insert a membership; otherwise a patch of the existing one. */
  membership?: { create: boolean; status?: number; frozen?: boolean };
  departments?: { extIds: string[]; mainExtId: string | null };
  /** WeCom-owned fields kept on the binding (leader flags, status…); written on create/update. */
  binding?: { create: boolean; extName: string; extData: Record<string, unknown> };
  /** An admin paired a member unbound by 移出: the binding write deletes its marker. */
  clearsUnpaired?: boolean;
}

export interface LeaveOp {
  userId: number;
  bindingId: number;
  wechatUserId: string;
  reason: 'deleted' | 'left';
  setQuit: boolean;
}

export interface SyncOps {
  departments: DepartmentOps;
  members: MemberOp[];
  leavers: LeaveOp[];
  /** Members an admin unbound (移出) and nobody paired by hand: left unbound, reported. */
  unpaired: ExtMember[];
  /** Bound members kept because they are only outside the app's visible range. */
  outsideRange: number;
  /** Active bindings before the run: the base of the mass-change threshold. */
  activeBindings: number;
}

export function extDataOf(m: ExtMember): Record<string, unknown> {
  return {
    status: m.status,
    leaderOf: [...m.leaderOf].sort(),
    mainDepartmentId: m.mainDepartmentId,
    position: m.position,
  };
}

/** Key-order-insensitive: jsonb hands objects back with its own key order. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** Pairing after the admin's decisions: lower-cased WeCom userid → user id (null = create). */
export function resolvePairing(pairs: PlanPair[], local: LocalState, d: Decisions) {
  const chosen = new Map(pairs.map((p) => [idKey(p.wechatUserId), p.userId]));
  const rows = new Map(pairs.map((p) => [idKey(p.wechatUserId), p]));
  const bound = new Set(local.bindings.map((b) => b.userId));
  const pickable = new Set(
    local.members
      .filter((u) => u.membershipStatus === NORMAL && !bound.has(u.userId))
      .map((u) => u.userId),
  );
  const seen = new Set<number>();
  for (const { wechatUserId, userId } of d.pairs) {
    const row = rows.get(idKey(wechatUserId));
    if (!row || row.match === 'bound') {
      throw badRequest(
        'sync.pair_invalid',
        `WeCom member "${wechatUserId}" is not pairable in this plan (unknown or already bound). Reload the preview.`,
      );
    }
    if (userId !== null) {
      if (seen.has(userId)) {
        throw badRequest(
          'sync.pair_duplicate',
          `System user ${userId} is paired with two WeCom members; pick one.`,
        );
      }
      if (!pickable.has(userId) && row.userId !== userId) {
        throw badRequest(
          'sync.pair_invalid',
          `System user ${userId} cannot be paired: pick an active, unbound member of this tenant.`,
        );
      }
      seen.add(userId);
      // Re-picking a user moves them: the row that proposed them falls back to "create".
      for (const [k, v] of chosen) if (v === userId) chosen.set(k, null);
    }
    chosen.set(idKey(wechatUserId), userId);
  }
  return { chosen, excluded: new Set(d.exclude.map(idKey)) };
}

function departmentChange(m: ExtMember, u: LocalUser | null, ctx: OpsContext) {
  const extIds = [...new Set(m.departmentIds.filter((id) => ctx.extDeptIds.has(id)))].sort();
  const mainExtId =
    extIds.length === 0
      ? null
      : m.mainDepartmentId && extIds.includes(m.mainDepartmentId)
        ? m.mainDepartmentId
        : extIds[0]!;
  if (u) {
    const current = u.departmentIds
      .map((id) => ctx.extIdOfLocal.get(id))
      .filter((x): x is string => !!x);
    const currentMain =
      u.mainDepartmentId === null ? null : (ctx.extIdOfLocal.get(u.mainDepartmentId) ?? null);
    if (sameJson([...new Set(current)].sort(), extIds) && currentMain === mainExtId)
      return undefined;
  } else if (extIds.length === 0) return undefined;
  return { extIds, mainExtId };
}

interface OpsContext {
  extDeptIds: Set<string>;
  extIdOfLocal: Map<number, string | null>;
}

function fieldPatch(m: ExtMember, u: LocalUser) {
  const patch: MemberOp['user'] = {};
  if (m.name && u.realname !== m.name) patch.realname = m.name;
  if ((u.position ?? null) !== (m.position ?? null)) patch.position = m.position;
  return Object.keys(patch).length ? patch : undefined;
}

function boundOp(m: ExtMember, b: LocalBinding, u: LocalUser, ctx: OpsContext): MemberOp | null {
  const status = u.membershipStatus === QUIT ? NORMAL : (u.membershipStatus ?? PENDING);
  const frozen = m.status === 'disabled';
  const op: MemberOp = { ext: m, kind: 'update', userId: u.userId, bindingId: b.id };
  if (status !== u.membershipStatus || frozen !== u.frozen) {
    op.membership = { create: false, status, frozen };
  }
  if (status === NORMAL) op.user = fieldPatch(m, u);
  op.departments = departmentChange(m, u, ctx);
  const extData = extDataOf(m);
  if (!b.active || b.extName !== m.name || !sameJson(b.extData, extData)) {
    op.binding = { create: false, extName: m.name, extData };
  }
  return op.membership || op.user || op.departments || op.binding ? op : null;
}

function pairedOp(m: ExtMember, u: LocalUser, ctx: OpsContext): MemberOp {
  const frozen = m.status === 'disabled';
  const binding = { create: true, extName: m.name, extData: extDataOf(m) };
  if (u.membershipStatus === null) {
    return {
      ext: m,
      kind: 'pending',
      userId: u.userId,
      bindingId: null,
      binding,
      membership: { create: true, status: PENDING, frozen },
      departments: departmentChange(m, null, ctx),
    };
  }
  const status = u.membershipStatus === NORMAL || u.membershipStatus === QUIT ? NORMAL : PENDING;
  return {
    ext: m,
    kind: 'bind',
    userId: u.userId,
    bindingId: null,
    binding,
    membership:
      status !== u.membershipStatus || frozen !== u.frozen
        ? { create: false, status, frozen }
        : undefined,
    user: status === NORMAL ? fieldPatch(m, u) : undefined,
    departments: departmentChange(m, u, ctx),
  };
}

/** Everything a run must write to reach the snapshot; empty when local already matches it. */
export function computeOps(
  snapshot: StoredSnapshot,
  local: LocalState,
  corpBindings: LocalBinding[],
  match: MatchResult,
  d: Decisions,
  unpairedKeys: ReadonlySet<string> = new Set(),
): SyncOps {
  const departments = planDepartments(snapshot.departments, local.departments);
  const ctx: OpsContext = {
    extDeptIds: new Set(snapshot.departments.map((x) => x.id)),
    extIdOfLocal: new Map(local.departments.map((x) => [x.id, x.extId])),
  };
  const users = new Map([...local.members, ...local.outsiders].map((u) => [u.userId, u]));
  const bindingByExt = new Map(corpBindings.map((b) => [idKey(b.extUserId), b]));
  const { chosen, excluded } = resolvePairing(match.pairs, local, d);
  const members: MemberOp[] = [];
  const leavers: LeaveOp[] = [];
  const unpaired: ExtMember[] = [];
  const present = new Set<string>();
  for (const m of snapshot.members) {
    const key = idKey(m.userId);
    present.add(key);
    const b = bindingByExt.get(key);
    const bu = b ? users.get(b.userId) : undefined;
    if (b && bu) {
      if (m.status === 'left') {
        if (b.active || bu.membershipStatus !== QUIT)
          leavers.push({
            userId: b.userId,
            bindingId: b.id,
            wechatUserId: m.userId,
            reason: 'left',
            setQuit: bu.membershipStatus !== QUIT,
          });
        continue;
      }
      const op = boundOp(m, b, bu, ctx);
      if (op) members.push(op);
      continue;
    }
    if (m.status === 'left' || excluded.has(key)) continue;
    const userId = chosen.get(key) ?? null;
    const u = userId === null ? undefined : users.get(userId);
    const wasUnbound = unpairedKeys.has(key);
    if (u)
      members.push(
        wasUnbound ? { ...pairedOp(m, u, ctx), clearsUnpaired: true } : pairedOp(m, u, ctx),
      );
    // Unbound by an admin (移出): only an account picked by hand binds it again; none is created.
    else if (wasUnbound) unpaired.push(m);
    else
      members.push({
        ext: m,
        kind: 'create',
        userId: null,
        bindingId: null,
        binding: { create: true, extName: m.name, extData: extDataOf(m) },
        membership: { create: true, status: NORMAL, frozen: m.status === 'disabled' },
        departments: departmentChange(m, null, ctx),
      });
  }
  const hidden = new Set((snapshot.outsideRange ?? []).map(idKey));
  let outsideRange = 0;
  if (!snapshot.partial) {
    for (const b of corpBindings) {
      const u = users.get(b.userId);
      if (!b.active || present.has(idKey(b.extUserId)) || !u) continue;
      // Still in the corp, only outside the app's visible range: not a leaver.
      if (hidden.has(idKey(b.extUserId))) {
        outsideRange++;
        continue;
      }
      leavers.push({
        userId: b.userId,
        bindingId: b.id,
        wechatUserId: b.extUserId,
        reason: 'deleted',
        setQuit: u.membershipStatus !== QUIT,
      });
    }
  }
  return {
    departments,
    members,
    leavers,
    unpaired,
    outsideRange,
    activeBindings: corpBindings.filter((b) => b.active).length,
  };
}

/** Matches and diffs; `decisions` are the admin's choices (none for a preview or a scheduled run). */
export function planAndOps(
  snapshot: StoredSnapshot,
  local: LocalState,
  corpId: string,
  decisions: Decisions = { pairs: [], exclude: [] },
): { plan: SyncPlan; ops: SyncOps } {
  const corpBindings = local.bindings.filter((b) => b.corpId === corpId);
  const unpaired = new Set(
    local.unpaired.filter((x) => x.corpId === corpId).map((x) => idKey(x.extUserId)),
  );
  const match = matchMembers(snapshot.members, local, corpBindings, unpaired);
  const ops = computeOps(snapshot, local, corpBindings, match, decisions, unpaired);
  return { plan: planView(snapshot, local, match, ops), ops };
}

function planView(
  snapshot: StoredSnapshot,
  local: LocalState,
  match: MatchResult,
  ops: SyncOps,
): SyncPlan {
  const departments = departmentPlanView(ops.departments, local.departments);
  const byKind = (k: MemberOp['kind']) => ops.members.filter((o) => o.kind === k);
  const toUpdate = ops.members
    .filter((o) => o.kind !== 'create' && o.kind !== 'pending')
    .map((o) => ({
      wechatUserId: o.ext.userId,
      userId: o.userId as number,
      fields: [
        ...Object.keys(o.user ?? {}),
        ...(o.membership ? ['status'] : []),
        ...(o.departments ? ['departments'] : []),
        ...(o.binding && !o.binding.create ? ['binding'] : []),
      ],
    }));
  return {
    departments,
    members: {
      pairs: match.pairs,
      unmatchedLocal: match.unmatchedLocal,
      toCreate: byKind('create').map((o) => o.ext.userId),
      toPending: byKind('pending').map((o) => o.ext.userId),
      toUpdate,
      leavers: ops.leavers.map(({ wechatUserId, userId, reason }) => ({
        wechatUserId,
        userId,
        reason,
      })),
    },
    partial: snapshot.partial,
    counts: {
      wecomMembers: snapshot.members.length,
      wecomDepartments: snapshot.departments.length,
      bound: match.pairs.filter((p) => p.match === 'bound').length,
      matched: match.pairs.filter((p) => p.match !== 'bound' && p.userId !== null).length,
      ambiguous: match.pairs.filter((p) => p.ambiguous).length,
      create: byKind('create').length,
      bind: byKind('bind').length,
      pending: byKind('pending').length,
      update: byKind('update').length,
      leave: ops.leavers.length,
      outsideRange: ops.outsideRange,
      unpaired: ops.unpaired.length,
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
  o.departments.create.length === 0 &&
  o.departments.update.length === 0 &&
  o.departments.remove.length === 0;
