import { Type } from '@sinclair/typebox';
import { and, asc, count, gt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import { syncRunItems } from '../../db/schema';
import { csvExport, csvRoute } from '../../lib/csv-export';
import type { TenantContext } from '../../lib/route';
import { runItemListWhere, type RunItemListFilters } from './sync-runs.repo';
import { RunIdParamsSchema } from './sync.schemas';
import type { DirectorySyncService } from './sync.service';

export const ItemsExportQuerySchema = Type.Object(
  {
    outcome: Type.Optional(
      Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('skipped')]),
    ),
  },
  { additionalProperties: false },
);
type Query = RunItemListFilters;

const COLUMNS = [
  'id',
  'kind',
  'action',
  'ext_id',
  'label',
  'user_id',
  'outcome',
  'reason',
  'provider_code',
  'message',
] as const;

/** A sync run's items (GET /sys/thirdApp/sync/runs/{id}/items) as CSV, same outcome filter. */
export function createSyncItemsExport(deps: {
  db: Db;
  sync: Pick<DirectorySyncService, 'getRun'>;
}) {
  const { db } = deps;
  /** The items list's rows (sync-runs.repo.ts decides which), after `afterId` in id order. */
  const whereOf = (tenantId: number, runId: number, q: Query, afterId: number | null) =>
    and(
      runItemListWhere(tenantId, runId, q),
      afterId !== null ? gt(syncRunItems.id, afterId) : undefined,
    );
  const slice = (tenantId: number, runId: number, q: Query, after: number | null, limit: number) =>
    db
      .select()
      .from(syncRunItems)
      .where(whereOf(tenantId, runId, q, after))
      .orderBy(asc(syncRunItems.id))
      .limit(limit);
  type Row = Awaited<ReturnType<typeof slice>>[number];

  return {
    async exportCsv(ctx: TenantContext, runId: number, q: Query) {
      // Another tenant's run answers 404 here, before anything is sent.
      await deps.sync.getRun(ctx, runId);
      const [total] = await db
        .select({ n: count() })
        .from(syncRunItems)
        .where(whereOf(ctx.tenantId, runId, q, null));
      return csvExport<Row, number>(`sync-run-${runId}-items`, ctx.tenantId, total!.n, {
        columns: COLUMNS,
        slice: (after, limit) => slice(ctx.tenantId, runId, q, after, limit),
        keyOf: (r) => r.id,
        cells: (r) => [
          r.id,
          r.kind,
          r.action,
          r.extId,
          r.label,
          r.userId,
          r.outcome,
          r.reason,
          r.providerCode,
          r.message,
        ],
      });
    },
  };
}
export type SyncItemsExport = ReturnType<typeof createSyncItemsExport>;

export function registerSyncExportRoutes(
  app: FastifyInstance,
  deps: { syncItemsExport: SyncItemsExport },
): void {
  csvRoute(app, {
    url: '/sys/thirdApp/sync/runs/:id/items/export',
    operationId: 'exportSyncRunItems',
    tags: ['third-app-sync'],
    summary: "A sync run's items as CSV (same outcome filter as its items list), streamed",
    description:
      "Tenant administrators export the items of one of their current tenant's runs (another tenant's run answers 404).",
    params: RunIdParamsSchema,
    querystring: ItemsExportQuerySchema,
    example:
      '\uFEFFid,kind,action,ext_id,label,user_id,outcome,reason,provider_code,message\r\n1,member,create,ZhangSan,张三,41,ok,created,,\r\n',
    build: (req, tenant) =>
      deps.syncItemsExport.exportCsv(tenant, (req.params as { id: number }).id, req.query as Query),
  });
}
