import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { UsersService } from './users.service';
import {
  AddUserBodySchema,
  EditUserBodySchema,
  FreezeUserBodySchema,
  UserCreatedSchema,
  UserListQuerySchema,
  UserListResultSchema,
} from './users.schemas';

const tags = ['users'];

export function registerUserRoutes(app: FastifyInstance, deps: { users: UsersService }): void {
  const { users } = deps;

  route(app, {
    method: 'GET',
    url: '/sys/user/list',
    operationId: 'listUsers',
    apiKey: 'directory:read',
    tags,
    access: 'member',
    summary: 'Users of the current tenant (active and quit), by keyword and department',
    querystring: UserListQuerySchema,
    result: UserListResultSchema,
    handler: ({ tenant, query }) => users.list(tenant, query),
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/add',
    operationId: 'addUser',
    tags,
    access: 'admin',
    summary: 'Create an account as an active member of the current tenant',
    body: AddUserBodySchema,
    result: UserCreatedSchema,
    handler: ({ tenant, body }) => users.add(tenant, body),
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/edit',
    operationId: 'editUser',
    tags,
    access: 'admin',
    summary: 'Edit a member of the current tenant (profile fields and departments)',
    body: EditUserBodySchema,
    result: Type.Null(),
    handler: async ({ tenant, body }) => {
      await users.edit(tenant, body);
      return null;
    },
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/freeze',
    operationId: 'freezeUser',
    tags,
    access: 'admin',
    summary: 'Freeze or unfreeze a member in the current tenant',
    body: FreezeUserBodySchema,
    result: Type.Null(),
    handler: async ({ tenant, body }) => {
      await users.freeze(tenant, body.userId, body.frozen);
      return null;
    },
  });
}
