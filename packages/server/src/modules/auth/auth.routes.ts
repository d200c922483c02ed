import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import { Empty } from '../../lib/schemas';
import type { AuthService } from './auth.service';
import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  LoginResultSchema,
  MeResultSchema,
} from './auth.schemas';

const tags = ['auth'];

export function registerAuthRoutes(app: FastifyInstance, deps: { auth: AuthService }): void {
  const { auth } = deps;

  route(app, {
    method: 'POST',
    url: '/sys/login',
    operationId: 'login',
    summary: 'Sign in with username and password',
    description:
      '401 on wrong credentials; 429 with Retry-After after 5 failures per username or 20 per address within 15 minutes.',
    tags,
    access: 'public',
    body: LoginBodySchema,
    result: LoginResultSchema,
    handler: ({ body, req }) =>
      auth.login({ ...body, ip: req.ip, userAgent: req.headers['user-agent'] }),
  });

  route(app, {
    method: 'POST',
    url: '/sys/logout',
    operationId: 'logout',
    summary: 'Revoke the current session token',
    tags,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
    result: Type.Null(),
    handler: async ({ session }) => {
      await auth.logout(session);
      return null;
    },
  });

  route(app, {
    method: 'GET',
    url: '/sys/user/me',
    operationId: 'getMe',
    summary: 'The signed-in account, its tenants and the session tenant',
    tags,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
    result: MeResultSchema,
    handler: ({ session }) => auth.me(session),
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/changePassword',
    operationId: 'changePassword',
    summary: "Change the caller's password (clears mustChangePassword, signs out other sessions)",
    tags,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
    body: ChangePasswordBodySchema,
    result: Empty,
    handler: async ({ session, body }) => {
      await auth.changePassword(session, body.oldPassword, body.newPassword);
      return {};
    },
  });
}
