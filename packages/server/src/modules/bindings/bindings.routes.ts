import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { BindingsService } from './bindings.service';
import {
  BindingIdParamsSchema,
  BindingListQuerySchema,
  BindingListResultSchema,
  LinkRequestIdParamsSchema,
} from './bindings.schemas';

const tags = ['third-app'];

export function registerBindingRoutes(
  app: FastifyInstance,
  deps: { bindings: BindingsService },
): void {
  const { bindings } = deps;

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/bindings',
    operationId: 'listThirdAppBindings',
    apiKey: 'directory:read',
    tags,
    access: 'admin',
    summary:
      "查看已绑定: bound WeCom members of the current tenant, then link requests waiting for an account's owner (state awaiting_owner; accounts outside the tenant are not named), searchable and paged",
    querystring: BindingListQuerySchema,
    result: BindingListResultSchema,
    handler: ({ tenant, query }) => bindings.list(tenant, query),
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/thirdApp/bindings/:id',
    operationId: 'deleteThirdAppBinding',
    tags,
    access: 'admin',
    summary:
      '移出: unbind a member (no more WeCom sign-in or app messages); the account and membership stay, and syncs leave the member unbound until an admin pairs it by hand in the sync dialog',
    params: BindingIdParamsSchema,
    result: Type.Null(),
    handler: async ({ tenant, params }) => {
      await bindings.remove(tenant, params.id);
      return null;
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/thirdApp/linkRequests/:id',
    operationId: 'cancelThirdAppLinkRequest',
    tags,
    access: 'admin',
    summary:
      "Withdraw a link request still waiting for the account's owner; syncs leave the WeCom member unpaired until an admin pairs it by hand (404 for another tenant's or a decided request)",
    params: LinkRequestIdParamsSchema,
    result: Type.Null(),
    handler: async ({ tenant, params }) => {
      await bindings.cancelLinkRequest(tenant, params.id);
      return null;
    },
  });
}
