import type { ExtDepartment, LocalDepartment, SyncPlan } from './sync.types';

export interface DepartmentOps {
  /** Parent-first: a department's parent is either existing or earlier in this list. */
  create: { extId: string; name: string; parentExtId: string | null; order: number }[];
  update: {
    id: number;
    extId: string;
    name?: string;
    /** Undefined = parent unchanged; null = becomes a root. */
    parentExtId?: string | null;
    order?: number;
  }[];
  remove: { id: number; extId: string; name: string }[];
}

/**
 * Local sort order of mirrored departments: WeCom sorts siblings by `order` descending (larger =
 * earlier) with values up to 2^32, which do not fit our integer column, so we store the rank.
 */
export function siblingRanks(
  ext: Pick<ExtDepartment, 'id' | 'parentId' | 'order'>[],
): Map<string, number> {
  const byParent = new Map<string, Pick<ExtDepartment, 'id' | 'parentId' | 'order'>[]>();
  for (const d of ext) {
    const k = d.parentId ?? '';
    const list = byParent.get(k) ?? [];
    list.push(d);
    byParent.set(k, list);
  }
  const rank = new Map<string, number>();
  for (const list of byParent.values()) {
    list.sort(
      (a, b) => b.order - a.order || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id),
    );
    list.forEach((d, i) => rank.set(d.id, i));
  }
  return rank;
}

/** Orders departments so that every parent comes before its children (cycles are broken at roots). */
function parentFirst(ext: ExtDepartment[]): ExtDepartment[] {
  const byId = new Map(ext.map((d) => [d.id, d]));
  const depth = new Map<string, number>();
  const depthOf = (d: ExtDepartment, seen = new Set<string>()): number => {
    const known = depth.get(d.id);
    if (known !== undefined) return known;
    const parent = d.parentId ? byId.get(d.parentId) : undefined;
    const value = parent && !seen.has(d.id) ? depthOf(parent, seen.add(d.id)) + 1 : 0;
    depth.set(d.id, value);
    return value;
  };
  return [...ext].sort((a, b) => depthOf(a) - depthOf(b));
}

/** Mirror WeCom's visible tree by external id: create, rename, move, reorder, remove-if-gone. */
export function planDepartments(ext: ExtDepartment[], local: LocalDepartment[]): DepartmentOps {
  const mirrored = new Map(
    local.filter((d) => d.extId !== null).map((d) => [d.extId as string, d]),
  );
  const extIdOfLocal = new Map(local.map((d) => [d.id, d.extId]));
  const extIds = new Set(ext.map((d) => d.id));
  const ranks = siblingRanks(ext);
  const ops: DepartmentOps = { create: [], update: [], remove: [] };
  for (const d of parentFirst(ext)) {
    const parentExtId = d.parentId && extIds.has(d.parentId) ? d.parentId : null;
    const order = ranks.get(d.id) ?? 0;
    const have = mirrored.get(d.id);
    if (!have) {
      ops.create.push({ extId: d.id, name: d.name, parentExtId, order });
      continue;
    }
    const currentParentExt =
      have.parentId === null ? null : (extIdOfLocal.get(have.parentId) ?? null);
    const change: DepartmentOps['update'][number] = { id: have.id, extId: d.id };
    if (have.name !== d.name) change.name = d.name;
    if (currentParentExt !== parentExtId) change.parentExtId = parentExtId;
    if (have.order !== order) change.order = order;
    if (Object.keys(change).length > 2) ops.update.push(change);
  }
  for (const [extId, d] of mirrored) {
    if (!extIds.has(extId)) ops.remove.push({ id: d.id, extId, name: d.name });
  }
  return ops;
}

export function departmentPlanView(
  ops: DepartmentOps,
  local: LocalDepartment[],
): SyncPlan['departments'] {
  const byId = new Map(local.map((d) => [d.id, d]));
  return {
    create: ops.create.map(({ extId, name, parentExtId }) => ({ extId, name, parentExtId })),
    rename: ops.update
      .filter((u) => u.name !== undefined)
      .map((u) => ({
        id: u.id,
        extId: u.extId,
        from: byId.get(u.id)?.name ?? '',
        to: u.name as string,
      })),
    move: ops.update
      .filter((u) => u.parentExtId !== undefined)
      .map((u) => ({
        id: u.id,
        extId: u.extId,
        fromParentId: byId.get(u.id)?.parentId ?? null,
        toParentExtId: u.parentExtId ?? null,
      })),
    reorder: ops.update
      .filter((u) => u.order !== undefined)
      .map((u) => ({ id: u.id, extId: u.extId, order: u.order as number })),
    remove: ops.remove,
  };
}
