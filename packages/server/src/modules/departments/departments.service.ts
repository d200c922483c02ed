import type { Static } from '@sinclair/typebox';
import type { Db } from '../../db/client';
import { badRequest, conflict, notFound } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createDepartmentsRepo, type DepartmentPatch } from './departments.repo';
import type {
  AddDepartmentBodySchema,
  DepartmentNode,
  EditDepartmentBodySchema,
} from './departments.schemas';

type AddDepartment = Static<typeof AddDepartmentBodySchema>;
type EditDepartment = Static<typeof EditDepartmentBodySchema>;

const departmentNotFound = () => notFound('departments', 'departments.not_found');
const parentNotFound = () =>
  badRequest(
    'departments.parent_not_found',
    'The parent department does not exist in this tenant.',
  );

/** Builds the forest from flat rows; rows whose parent is missing become roots. */
export function buildTree(rows: Omit<DepartmentNode, 'children'>[]): DepartmentNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export function createDepartmentsService(deps: { db: Db }) {
  const { db } = deps;
  const repo = createDepartmentsRepo(db);

  const audit = (
    ctx: TenantContext,
    action: 'department.add' | 'department.edit' | 'department.delete',
    id: number,
    details?: Record<string, unknown>,
  ) =>
    createAuditRecorder(db).record(ctx.tenantId, {
      actorUserId: ctx.userId,
      action,
      targetType: 'department',
      targetId: id,
      details,
    });

  return {
    async tree(ctx: TenantContext) {
      return buildTree(await repo.listWithMemberCounts(ctx.tenantId));
    },

    async add(ctx: TenantContext, input: AddDepartment) {
      const parentId = input.parentId ?? null;
      if (parentId !== null && !(await repo.findById(ctx.tenantId, parentId)))
        throw parentNotFound();
      const row = await repo.insert(ctx.tenantId, {
        name: input.name.trim(),
        parentId,
        order: input.order ?? 0,
      });
      await audit(ctx, 'department.add', row.id, { name: row.name });
      return { id: row.id, name: row.name, parentId: row.parentId, order: row.order };
    },

    async edit(ctx: TenantContext, input: EditDepartment) {
      const current = await repo.findById(ctx.tenantId, input.id);
      if (!current) throw departmentNotFound();
      const patch: DepartmentPatch = {};
      if (input.name !== undefined) patch.name = input.name.trim();
      if (input.order !== undefined) patch.order = input.order;
      if (input.parentId !== undefined && input.parentId !== current.parentId) {
        if (input.parentId !== null) {
          if (!(await repo.findById(ctx.tenantId, input.parentId))) throw parentNotFound();
          if (await repo.isSelfOrDescendant(ctx.tenantId, input.id, input.parentId)) {
            throw conflict(
              'departments.cycle',
              'A department cannot be moved under itself or one of its sub-departments.',
            );
          }
        }
        patch.parentId = input.parentId;
      }
      if (Object.keys(patch).length > 0) {
        await repo.update(ctx.tenantId, input.id, patch);
        await audit(ctx, 'department.edit', input.id, { ...patch });
      }
      const updated = (await repo.findById(ctx.tenantId, input.id))!;
      return {
        id: updated.id,
        name: updated.name,
        parentId: updated.parentId,
        order: updated.order,
      };
    },

    async remove(ctx: TenantContext, id: number) {
      if (!(await repo.findById(ctx.tenantId, id))) throw departmentNotFound();
      const usage = await repo.hasChildrenOrMembers(ctx.tenantId, id);
      if (usage.children || usage.members) {
        throw conflict(
          'departments.not_empty',
          usage.children
            ? 'This department has sub-departments. Move or delete them first.'
            : 'This department still has members. Move them to another department first.',
          usage,
        );
      }
      await repo.deleteById(ctx.tenantId, id);
      await audit(ctx, 'department.delete', id);
    },
  };
}
export type DepartmentsService = ReturnType<typeof createDepartmentsService>;
