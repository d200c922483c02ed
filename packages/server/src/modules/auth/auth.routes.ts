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
  SetPasswordBodySchema,
} from './auth.schemas';
import { loginExamples } from './auth.examples';

const tags = ['auth'];

export function registerAuthRoutes(app: FastifyInstance, deps: { auth: AuthService }): void {
  const { auth } = deps;

  route(app, {
    method: 'POST',
    url: '/sys/login',
    operationId: 'login',
    examples: loginExamples,
    errors: {
      401: 'Wrong username or password.',
      403: 'The account is frozen.',
      429: 'Too many failed sign-ins for this username from this address (5), or from this address (20), within 15 minutes.',
    },
    summary: 'Sign in with username and password',
    description:
      '401 on wrong credentials; 429 with Retry-After after 5 failures for a username from one address, or 20 from one address, within 15 minutes (another address is not affected).',
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
    allowConnectorSession: true,
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
    allowConnectorSession: true,
    result: MeResultSchema,
    handler: ({ session }) => auth.me(session),
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/changePassword',
    operationId: 'changePassword',
    errors: { 429: 'Too many password changes with a wrong current password from this address.' },
    summary: "Change the caller's password (clears mustChangePassword, signs out other sessions)",
    description:
      '400 auth.wrong_password; 429 auth.too_many_password_changes after 5 wrong current passwords from one address within 15 minutes.',
    tags,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
    allowConnectorSession: true,
    body: ChangePasswordBodySchema,
    result: Empty,
    handler: async ({ session, body, req }) => {
      await auth.changePassword(session, { ...body, ip: req.ip });
      return {};
    },
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/setPassword',
    operationId: 'setPassword',
    errors: {
      409: 'The account already has a password: use changePassword.',
      429: 'Too many attempts from this address.',
    },
    summary: 'Set a first password on an account that has none (a WeCom-only member)',
    description:
      '409 auth.password_already_set when the account has one (use changePassword). From a WeCom session, only on an account the tenant owns alone (403 otherwise). Throttled like changePassword.',
    tags,
    access: 'session',
    allowWhilePasswordChangeRequired: true,
    allowConnectorSession: true,
    body: SetPasswordBodySchema,
    result: Empty,
    handler: async ({ session, body, req }) => {
      await auth.setPassword(session, { newPassword: body.newPassword, ip: req.ip });
      return {};
    },
  });
}
