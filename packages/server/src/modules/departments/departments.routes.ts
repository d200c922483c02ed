import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { DepartmentsService } from './departments.service';
import {
  AddDepartmentBodySchema,
  DepartmentIdParamsSchema,
  DepartmentNodeSchema,
  DepartmentSchema,
  EditDepartmentBodySchema,
} from './departments.schemas';

const tags = ['departments'];

export function registerDepartmentRoutes(
  app: FastifyInstance,
  deps: { departments: DepartmentsService },
): void {
  const { departments } = deps;

  route(app, {
    method: 'GET',
    url: '/sys/depart/tree',
    operationId: 'getDepartmentTree',
    apiKey: 'directory:read',
    tags,
    access: 'member',
    summary: "The current tenant's department tree",
    result: Type.Array(DepartmentNodeSchema),
    handler: ({ tenant }) => departments.tree(tenant),
  });

  route(app, {
    method: 'POST',
    url: '/sys/depart/add',
    operationId: 'addDepartment',
    errors: { 404: 'The parent department is not in the current tenant.' },
    tags,
    access: 'admin',
    summary: 'Create a department in the current tenant',
    body: AddDepartmentBodySchema,
    result: DepartmentSchema,
    handler: ({ tenant, body }) => departments.add(tenant, body),
  });

  route(app, {
    method: 'POST',
    url: '/sys/depart/edit',
    operationId: 'editDepartment',
    errors: {
      404: 'No such department (or parent) in the current tenant.',
      409: 'The move would put a department under itself.',
    },
    tags,
    access: 'admin',
    summary: 'Rename, reorder or move a department (no cycles)',
    body: EditDepartmentBodySchema,
    result: DepartmentSchema,
    handler: ({ tenant, body }) => departments.edit(tenant, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/depart/:id',
    operationId: 'deleteDepartment',
    errors: { 409: 'The department has sub-departments or members.' },
    tags,
    access: 'admin',
    summary: 'Delete an empty department (409 departments.not_empty otherwise)',
    params: DepartmentIdParamsSchema,
    result: Type.Null(),
    handler: async ({ tenant, params }) => {
      await departments.remove(tenant, params.id);
      return null;
    },
  });
}
