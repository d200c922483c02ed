import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import { thirdAccounts, type ThirdType } from '../../db/schema';
import { BatchIds, BatchResultSchema, runBatch } from '../../lib/batch';
import { notFound } from '../../lib/errors';
import { route, type TenantContext } from '../../lib/route';
import { ThirdTypeSchema } from '../third-app-config/third-app-config.schemas';
import type { BindingsService } from './bindings.service';

export const RemoveBindingsBatchBodySchema = Type.Object(
  {
    userIds: BatchIds('user id'),
    thirdType: Type.Optional(ThirdTypeSchema),
  },
  { additionalProperties: false },
);

/**
 * Batch 移出 by member: each member's binding (in the current tenant) goes through the single
 * 移出 — deleted with the "removed by an admin" marker and an audit entry, in one transaction.
 */
export function createBindingsBatch(deps: { db: Db; bindings: Pick<BindingsService, 'remove'> }) {
  const { db, bindings } = deps;

  async function removeOf(ctx: TenantContext, userId: number, thirdType: ThirdType) {
    const [row] = await db
      .select({ id: thirdAccounts.id })
      .from(thirdAccounts)
      .where(
        and(
          eq(thirdAccounts.tenantId, ctx.tenantId),
          eq(thirdAccounts.userId, userId),
          eq(thirdAccounts.thirdType, thirdType),
        ),
      );
    if (!row) throw notFound('binding', 'bindings.not_found');
    await bindings.remove(ctx, row.id);
  }

  return {
    remove: (
      ctx: TenantContext,
      userIds: readonly number[],
      thirdType: ThirdType = 'wechat_enterprise',
    ) => runBatch(userIds, (id) => removeOf(ctx, id, thirdType)),
  };
}
export type BindingsBatch = ReturnType<typeof createBindingsBatch>;

export function registerBindingsBatchRoutes(
  app: FastifyInstance,
  deps: { bindingsBatch: BindingsBatch },
): void {
  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/bindings/batchRemove',
    operationId: 'removeThirdAppBindingsBatch',
    tags: ['third-app'],
    access: 'admin',
    summary:
      '移出 several members at once (unbind their WeCom identity), with one outcome per member',
    description:
      'Each member is handled as DELETE /sys/thirdApp/bindings/{id} would: the binding goes, the account and membership stay, and syncs leave the member unbound until an admin pairs it by hand. A user with no binding in the current tenant (including any user of another tenant) answers `bindings.not_found` for that item; the other items still go ahead.',
    body: RemoveBindingsBatchBodySchema,
    result: BatchResultSchema,
    examples: {
      request: { userIds: [41, 42] },
      result: {
        done: 1,
        failed: 1,
        items: [
          { id: 41, ok: true, errorCode: null, message: null },
          {
            id: 42,
            ok: false,
            errorCode: 'bindings.not_found',
            message: 'Binding not found in the current tenant.',
          },
        ],
      },
    },
    handler: ({ tenant, body }) => deps.bindingsBatch.remove(tenant, body.userIds, body.thirdType),
  });
}
