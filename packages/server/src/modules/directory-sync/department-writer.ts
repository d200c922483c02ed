import { intArray, recordset } from './sql-arrays';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../lib/sql';
import type { DepartmentOps } from './departments-plan';
import { EXT_SOURCE } from './sync-state.repo';

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Applies the department phase in one transaction (the tree is never half-mirrored): creates
 * parent-first in batches per depth, then renames/moves/reorders in one UPDATE … FROM (VALUES),
 * then removes departments gone from WeCom. Returns ext id → local id of every mirrored department.
 */
export async function writeDepartments(
  tx: Db,
  tenantId: number,
  ops: DepartmentOps,
  known: Map<string, number>,
): Promise<{ ids: Map<string, number>; writes: number }> {
  const ids = new Map(known);
  let writes = 0;
  // Parent-first order: a batch may only reference parents inserted by earlier batches.
  let pending = ops.create;
  while (pending.length > 0) {
    const ready = pending.filter((d) => d.parentExtId === null || ids.has(d.parentExtId));
    const later = pending.filter((d) => !(d.parentExtId === null || ids.has(d.parentExtId)));
    // A parent that is neither known nor creatable: attach as a root rather than loop forever.
    const batch = ready.length > 0 ? ready : later.map((d) => ({ ...d, parentExtId: null }));
    pending = ready.length > 0 ? later : [];
    for (const part of chunks(batch)) {
      const values = part.map((d) => ({
        parent_id: d.parentExtId === null ? null : ids.get(d.parentExtId),
        name: d.name,
        sort_order: d.order,
        ext_id: d.extId,
      }));
      const rows = rowsOf<{ id: number; ext_id: string }>(
        await tx.execute(sql`insert into departments (tenant_id, parent_id, name, sort_order, ext_source, ext_id)
          select ${tenantId}::int, parent_id, name, sort_order, ${EXT_SOURCE}::text, ext_id
          from ${recordset(values, 'parent_id int, name text, sort_order int, ext_id text')}
          returning id, ext_id`),
      );
      for (const r of rows) ids.set(r.ext_id, r.id);
      writes += rows.length;
    }
  }
  for (const part of chunks(ops.update)) {
    const values = part.map((u) => ({
      id: u.id,
      name: u.name ?? null,
      set_parent: u.parentExtId !== undefined,
      parent_id: u.parentExtId ? (ids.get(u.parentExtId) ?? null) : null,
      ord: u.order ?? null,
    }));
    await tx.execute(sql`update departments d set
        name = coalesce(v.name, d.name),
        parent_id = case when v.set_parent then v.parent_id else d.parent_id end,
        sort_order = coalesce(v.ord, d.sort_order),
        updated_at = now()
      from ${recordset(values, 'id int, name text, set_parent boolean, parent_id int, ord int')}
      where d.tenant_id = ${tenantId} and d.id = v.id`);
    writes += part.length;
  }
  if (ops.remove.length > 0) {
    const gone = ops.remove.map((d) => d.id);
    // Local departments nested under a vanished one keep existing, as roots.
    await tx.execute(sql`update departments set parent_id = null, updated_at = now()
      where tenant_id = ${tenantId} and parent_id = any(${intArray(gone)}) and not (id = any(${intArray(gone)}))`);
    await tx.execute(
      sql`delete from departments where tenant_id = ${tenantId} and id = any(${intArray(gone)})`,
    );
    for (const d of ops.remove) ids.delete(d.extId);
    writes += gone.length;
  }
  return { ids, writes };
}

export { chunks };
export type { SQL };
