import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, userDepartments } from '../../db/schema';
import { rowsOf } from '../../lib/sql';

export type DepartmentRow = typeof departments.$inferSelect;
export type DepartmentPatch = Partial<Pick<DepartmentRow, 'name' | 'parentId' | 'order'>>;

/** Departments of one tenant; the tenant id is in every statement. */
export function createDepartmentsRepo(db: Db) {
  return {
    async listWithMemberCounts(tenantId: number) {
      return db
        .select({
          id: departments.id,
          name: departments.name,
          parentId: departments.parentId,
          order: departments.order,
          // Spelt out: Drizzle leaves columns unqualified in single-table selects.
          memberCount: sql<number>`(select count(*)::int from ${userDepartments} ud
            where ud.tenant_id = ${tenantId} and ud.department_id = "departments"."id")`,
        })
        .from(departments)
        .where(eq(departments.tenantId, tenantId))
        .orderBy(asc(departments.order), asc(departments.id));
    },

    async findById(tenantId: number, id: number): Promise<DepartmentRow | undefined> {
      const rows = await db
        .select()
        .from(departments)
        .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)))
        .limit(1);
      return rows[0];
    },

    async insert(tenantId: number, row: { name: string; parentId: number | null; order: number }) {
      const [inserted] = await db
        .insert(departments)
        .values({ tenantId, ...row })
        .returning();
      return inserted!;
    },

    async update(tenantId: number, id: number, patch: DepartmentPatch): Promise<boolean> {
      const rows = await db
        .update(departments)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)))
        .returning({ id: departments.id });
      return rows.length > 0;
    },

    async deleteById(tenantId: number, id: number): Promise<boolean> {
      const rows = await db
        .delete(departments)
        .where(and(eq(departments.tenantId, tenantId), eq(departments.id, id)))
        .returning({ id: departments.id });
      return rows.length > 0;
    },

    /** True when `candidate` is `id` itself or one of its descendants. */
    async isSelfOrDescendant(tenantId: number, id: number, candidate: number): Promise<boolean> {
      const result = await db.execute(sql`
        with recursive chain(id, parent_id) as (
          select id, parent_id from ${departments} where tenant_id = ${tenantId} and id = ${candidate}
          union
          select d.id, d.parent_id from ${departments} d
            join chain c on d.id = c.parent_id and d.tenant_id = ${tenantId}
        )
        select 1 as hit from chain where id = ${id} limit 1`);
      return rowsOf(result).length > 0;
    },

    async hasChildrenOrMembers(
      tenantId: number,
      id: number,
    ): Promise<{ children: boolean; members: boolean }> {
      const result = await db.execute(sql`
        select
          exists (select 1 from ${departments} where tenant_id = ${tenantId} and parent_id = ${id}) as children,
          exists (select 1 from ${userDepartments} where tenant_id = ${tenantId} and department_id = ${id}) as members`);
      const row = rowsOf<{ children: boolean; members: boolean }>(result)[0];
      return { children: Boolean(row?.children), members: Boolean(row?.members) };
    },
  };
}
export type DepartmentsRepo = ReturnType<typeof createDepartmentsRepo>;
