import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { BindingsService } from './bindings.service';
import {
  BindingIdParamsSchema,
  BindingListQuerySchema,
  BindingListResultSchema,
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
    tags,
    access: 'admin',
    summary: '查看已绑定: bound WeCom members of the current tenant, searchable and paged',
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
}
