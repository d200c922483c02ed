/**
 * Targeted apply of one contact change (PRODUCT.md §5.7): re-reads only the object the event
 * names — the member (`user/get`) or the department (`department/get`, plus one
 * `department/simplelist` of its parent to rank it among its siblings) — and plans it with the
 * same planner, trust policy and guards as a full sync. Whatever a single object cannot decide
 * the way a full read would (a new member matched by name, mobile or e-mail, whose uniqueness
 * depends on the whole directory; a change the mass-change guard stops; a rename onto a userid
 * already bound) answers `full`, and the caller runs a full read instead.
 */
import { sql } from 'drizzle-orm';
import { ConnectorError, type ExtMember } from '../../connectors/kit';
import type { Db } from '../../db/client';
import type { ContactChangeType } from '../../db/schema';
import { createBindingsWriter } from '../bindings/bindings.writer';
import type { ConnectorRuntime } from '../third-app-config/third-app-config.service';
import { siblingRanks, type DepartmentOps } from './departments-plan';
import { idKey } from './normalise';
import { planAndOps, type SyncOps } from './planner';
import { createSyncStateRepo } from './sync-state.repo';
import type { StoredSnapshot, TenantSide } from './sync.types';

export interface TargetedEvent {
  id: number;
  changeType: ContactChangeType;
  extId: string;
  newExtId: string | null;
}

export type TargetedPlan =
  | { kind: 'ops'; ops: SyncOps; houseNumber: string; known: Map<string, number> }
  | { kind: 'full'; reason: 'matched_by_directory' | 'guard' | 'rename_conflict' };

/** Provider failures are raised as the caller's explained error (sync.service providerFailure). */
type Fail = (err: ConnectorError) => Error;

const noDepartments = (): DepartmentOps => ({ create: [], update: [], remove: [] });

/** Ops that write nothing (`activeBindings` for the guard's ratio). */
export const emptyOps = (activeBindings: number): SyncOps => ({
  departments: noDepartments(),
  members: [],
  leavers: [],
  cancelRequests: [],
  unpaired: [],
  ownerRefused: [],
  exclusions: { add: [], remove: [] },
  outsideRange: 0,
  activeBindings,
});

export function knownDepartments(local: Pick<TenantSide, 'departments'>) {
  return new Map(
    local.departments.filter((d) => d.extId !== null).map((d) => [d.extId as string, d.id]),
  );
}

async function provider<T>(fail: Fail, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ConnectorError) throw fail(err);
    throw err;
  }
}

/**
 * A userid rename (NewUserID): only the external id of the binding changes (and of a 移出 marker
 * or an open link request of that member), so account, username, memberships, roles and history
 * stay. Idempotent: nothing left under the old id = done. False when the new id is already
 * bound in this tenant (a full read sorts that out).
 */
export async function renameExternalId(
  db: Db,
  rt: Pick<ConnectorRuntime, 'thirdType' | 'corpId'>,
  tenantId: number,
  from: string,
  to: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const renamed = await createBindingsWriter(tx).renameExtUser(tenantId, rt, from, to);
    if (renamed === 'none') return true;
    if (renamed === 'taken') return false;
    await tx.execute(sql`update sync_exclusions set ext_user_id = ${to}
      where tenant_id = ${tenantId} and third_type = ${rt.thirdType} and corp_id = ${rt.corpId}
        and lower(ext_user_id) = ${idKey(from)}`);
    await tx.execute(sql`update link_requests set ext_user_id = ${to}
      where tenant_id = ${tenantId} and third_type = ${rt.thirdType} and corp_id = ${rt.corpId}
        and lower(ext_user_id) = ${idKey(from)} and status in ('pending', 'refused')`);
    return true;
  });
}

/** A member WeCom no longer has: planned as `left`, which the planner turns into 离职. */
const goneMember = (userId: string, name: string): ExtMember => ({
  userId,
  name,
  departmentIds: [],
  mainDepartmentId: null,
  leaderOf: [],
  position: null,
  mobile: null,
  email: null,
  avatar: null,
  status: 'left',
});

async function memberPlan(
  db: Db,
  rt: ConnectorRuntime,
  tenantId: number,
  e: TargetedEvent,
  fail: Fail,
  guard: (ops: SyncOps) => Record<string, unknown> | null,
): Promise<TargetedPlan> {
  let id = e.extId;
  if (e.newExtId && e.newExtId !== e.extId) {
    if (!(await renameExternalId(db, rt, tenantId, e.extId, e.newExtId)))
      return { kind: 'full', reason: 'rename_conflict' };
    id = e.newExtId;
  }
  const member = await provider(fail, () => rt.connector.directory.member(id));
  const state = createSyncStateRepo(db);
  const side = await state.loadTenantSide(tenantId, rt.thirdType);
  const key = idKey(id);
  const binding = side.bindings.find((b) => b.corpId === rt.corpId && idKey(b.extUserId) === key);
  const request = side.linkRequests.find(
    (r) => r.corpId === rt.corpId && idKey(r.extUserId) === key && r.status === 'pending',
  );
  const active = side.bindings.filter((b) => b.corpId === rt.corpId && b.active).length;
  if (!member && !binding && !request)
    return {
      kind: 'ops',
      ops: emptyOps(active),
      houseNumber: side.houseNumber,
      known: knownDepartments(side),
    };
  const ext = member ?? goneMember(binding?.extUserId ?? id, binding?.extName ?? '');
  // The mirrored departments stand in for WeCom's tree: the member's links are mapped through
  // them and no department is written. Partial: nobody else is judged gone from one member.
  const snapshot: StoredSnapshot = {
    departments: side.departments
      .filter((d) => d.extId !== null)
      .map((d) => ({ id: d.extId as string, name: d.name, parentId: null, order: d.order })),
    members: [ext],
    partial: true,
  };
  const local = await state.withOutsiders(tenantId, side, [ext]);
  const { plan, ops } = planAndOps(snapshot, local, rt.corpId);
  const row = plan.members.pairs.find((p) => idKey(p.wechatUserId) === key);
  // Only the whole directory tells whether a name, mobile or e-mail is unique on WeCom's side.
  if (row && (row.match === 'name' || row.match === 'mobile' || row.match === 'email'))
    return { kind: 'full', reason: 'matched_by_directory' };
  ops.departments = noDepartments();
  if (!member) for (const l of ops.leavers) l.reason = 'deleted';
  if (guard(ops)) return { kind: 'full', reason: 'guard' };
  return { kind: 'ops', ops, houseNumber: local.houseNumber, known: knownDepartments(local) };
}

async function departmentPlan(
  db: Db,
  rt: ConnectorRuntime,
  tenantId: number,
  e: TargetedEvent,
  fail: Fail,
): Promise<TargetedPlan> {
  const dir = rt.connector.directory;
  const d = await provider(fail, () => dir.department(e.extId));
  const siblings =
    d?.parentId && dir.subtree
      ? (await provider(fail, () => dir.subtree!(d.parentId!))).filter(
          (x) => x.parentId === d.parentId,
        )
      : [];
  const side = await createSyncStateRepo(db).loadTenantSide(tenantId, rt.thirdType);
  const mirrored = new Map(
    side.departments.filter((x) => x.extId !== null).map((x) => [x.extId as string, x]),
  );
  const extIdOfLocal = new Map(side.departments.map((x) => [x.id, x.extId]));
  const ops = emptyOps(0);
  const known = knownDepartments(side);
  const done = (): TargetedPlan => ({ kind: 'ops', ops, houseNumber: side.houseNumber, known });
  if (!d) {
    const have = mirrored.get(e.extId);
    if (have) ops.departments.remove.push({ id: have.id, extId: e.extId, name: have.name });
    return done();
  }
  if (!siblings.some((x) => x.id === d.id)) siblings.push(d);
  // Local order is the rank among WeCom siblings (departments-plan.ts): the same ranking here.
  const ranks = siblingRanks(siblings);
  const parentExtId = d.parentId && mirrored.has(d.parentId) ? d.parentId : null;
  const order = ranks.get(d.id) ?? 0;
  const have = mirrored.get(d.id);
  if (!have) ops.departments.create.push({ extId: d.id, name: d.name, parentExtId, order });
  else {
    const current = have.parentId === null ? null : (extIdOfLocal.get(have.parentId) ?? null);
    const change: DepartmentOps['update'][number] = { id: have.id, extId: d.id };
    if (have.name !== d.name) change.name = d.name;
    if (current !== parentExtId) change.parentExtId = parentExtId;
    if (have.order !== order) change.order = order;
    if (Object.keys(change).length > 2) ops.departments.update.push(change);
  }
  for (const s of siblings) {
    const m = s.id === d.id ? undefined : mirrored.get(s.id);
    const rank = ranks.get(s.id);
    if (m && rank !== undefined && m.order !== rank)
      ops.departments.update.push({ id: m.id, extId: s.id, order: rank });
  }
  return done();
}

/** Plans one event; `guard` is the full sync's mass-change guard on the resulting ops. */
export function planTargeted(
  db: Db,
  rt: ConnectorRuntime,
  tenantId: number,
  e: TargetedEvent,
  fail: Fail,
  guard: (ops: SyncOps) => Record<string, unknown> | null,
): Promise<TargetedPlan> {
  return e.changeType.endsWith('_user')
    ? memberPlan(db, rt, tenantId, e, fail, guard)
    : departmentPlan(db, rt, tenantId, e, fail);
}
