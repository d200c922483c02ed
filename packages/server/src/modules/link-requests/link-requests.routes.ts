import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { LinkRequestsService } from './link-requests.service';
import {
  LinkRequestAcceptedSchema,
  LinkRequestIdParamsSchema,
  LinkRequestListSchema,
} from './link-requests.schemas';

const tags = ['users'];

/** The account owner's side: requests from tenants to bind the account to one of their members. */
export function registerLinkRequestRoutes(
  app: FastifyInstance,
  deps: { linkRequests: LinkRequestsService },
): void {
  const { linkRequests } = deps;

  route(app, {
    method: 'GET',
    url: '/sys/user/linkRequests',
    operationId: 'listMyLinkRequests',
    tags,
    access: 'session',
    summary:
      "The caller's pending link requests: tenants asking to bind the caller's account to one of their WeCom members",
    result: LinkRequestListSchema,
    handler: ({ session }) => linkRequests.listMine(session),
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/linkRequests/:id/accept',
    operationId: 'acceptLinkRequest',
    errors: { 409: 'The request was already decided.' },
    tags,
    access: 'session',
    summary:
      "Accept a link request: the binding takes effect; without an active membership the account becomes a pending (审核中) member the tenant's administrator approves",
    params: LinkRequestIdParamsSchema,
    result: LinkRequestAcceptedSchema,
    handler: ({ session, params, req }) => linkRequests.accept(session, params.id, req.ip),
  });

  route(app, {
    method: 'POST',
    url: '/sys/user/linkRequests/:id/refuse',
    operationId: 'refuseLinkRequest',
    errors: { 409: 'The request was already decided.' },
    tags,
    access: 'session',
    summary: 'Refuse a link request: nothing is bound and no membership is created',
    params: LinkRequestIdParamsSchema,
    result: Type.Null(),
    handler: async ({ session, params, req }) => {
      await linkRequests.refuse(session, params.id, req.ip);
      return null;
    },
  });
}
