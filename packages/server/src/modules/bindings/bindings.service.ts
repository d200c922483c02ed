import type { Db } from '../../db/client';
import { notFound } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createBindingsRepo } from './bindings.repo';
import type { BindingListQuery } from './bindings.schemas';

const bindingNotFound = () => notFound('binding', 'bindings.not_found');
const requestNotFound = () => notFound('link request', 'bindings.link_request_not_found');

/**
 * 查看已绑定 and 移出 (PRODUCT.md §5.3) and the link requests waiting for an account's owner
 * (§7): the current tenant's only.
 */
export function createBindingsService(deps: { db: Db }) {
  const { db } = deps;
  const repo = createBindingsRepo(db);

  return {
    list(ctx: TenantContext, query: BindingListQuery) {
      return repo.listBindings(ctx.tenantId, {
        thirdType: query.thirdType ?? 'wechat_enterprise',
        keyword: query.keyword?.trim() || undefined,
        page: query.page,
        pageSize: query.pageSize,
      });
    },

    /**
     * 移出: deletes the binding. The account and its membership stay; the member can no longer
     * sign in with WeCom or receive app messages. A marker in the same transaction keeps every
     * later sync (manual, scheduled, callback) from binding the member again, until an admin
     * pairs it by hand in the sync dialog.
     */
    async remove(ctx: TenantContext, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const r = createBindingsRepo(tx);
        const row = await r.findBindingById(ctx.tenantId, id);
        if (!row || !(await r.unbind(ctx.tenantId, row, ctx.userId))) throw bindingNotFound();
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'third_app.binding_removed',
          targetType: 'third_account',
          targetId: id,
          details: {
            thirdType: row.thirdType,
            corpId: row.corpId,
            extUserId: row.extUserId,
            userId: row.userId,
          },
        });
      });
    },

    /**
     * Withdraws a link request still waiting for the account's owner. Like 移出, a marker keeps
     * later syncs from asking again for this WeCom member until an admin pairs it by hand.
     */
    async cancelLinkRequest(ctx: TenantContext, id: number): Promise<void> {
      await db.transaction(async (tx) => {
        const r = createBindingsRepo(tx);
        const row = await r.cancelLinkRequest(ctx.tenantId, id);
        if (!row) throw requestNotFound();
        await r.markUnpaired(ctx.tenantId, row, ctx.userId);
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'third_app.link_request_cancelled',
          targetType: 'link_request',
          targetId: id,
          details: { thirdType: row.thirdType, corpId: row.corpId, extUserId: row.extUserId },
        });
      });
    },
  };
}
export type BindingsService = ReturnType<typeof createBindingsService>;
