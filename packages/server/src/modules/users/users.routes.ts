import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { PasswordResetService } from './users.reset-password';
import type { UsersService } from './users.service';
import {
  AddUserBodySchema,
  EditUserBodySchema,
  FreezeUserBodySchema,
  ResetPasswordBodySchema,
  ResetPasswordResultSchema,
  UserCreatedSchema,
  UserListQuerySchema,
  UserListResultSchema,
} from './users.schemas';

const tags = ['users'];

export function registerUserRoutes(
  app: FastifyInstance,
  deps: { users: UsersService; passwordResets: PasswordResetService },
): void {
  const { users, passwordResets } = deps;

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
    errors: { 404: 'A department is not in the current tenant.', 409: 'The username is taken.' },
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
    errors: { 404: 'No such user (or department) in the current tenant.' },
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
    errors: {
      404: 'No such user in the current tenant.',
      409: 'You cannot freeze yourself or the last administrator.',
    },
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

  route(app, {
    method: 'POST',
    url: '/sys/user/resetPassword',
    operationId: 'resetUserPassword',
    tags,
    access: 'admin',
    summary: "Give one of the tenant's own accounts a one-time password (shown once)",
    description:
      "Only the tenant's own accounts (active here and in no other tenant; never a platform administrator's, never the caller's own). The account must change the password at its next sign-in; all its sessions end. Works for WeCom-only accounts. At most 20 resets per administrator and tenant per hour.",
    errors: {
      404: 'No such user in the current tenant.',
      429: 'The caller reset 20 passwords in this tenant within the hour.',
    },
    body: ResetPasswordBodySchema,
    result: ResetPasswordResultSchema,
    handler: ({ tenant, session, body, req, reply }) => {
      // A secret in the answer: no cache may keep it.
      void reply.header('cache-control', 'no-store');
      return passwordResets.reset(tenant, session, { userId: body.userId, ip: req.ip });
    },
  });
}
