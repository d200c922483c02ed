import { Type } from '@sinclair/typebox';
import { and, count, desc, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';
import { MESSAGE_SOURCES, MESSAGE_STATUSES, messages, type MessageStatus } from '../../db/schema';
import { csvExport, csvRoute } from '../../lib/csv-export';
import type { TenantContext } from '../../lib/route';
import { summarise } from './messages.content';
import { createMessagesRepo, messageListWhere, type MessageRow } from './messages.repo';

export const MessageExportQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s)))),
    source: Type.Optional(Type.Union(MESSAGE_SOURCES.map((s) => Type.Literal(s)))),
  },
  { additionalProperties: false },
);
type Query = { status?: MessageStatus; source?: string };

const OUTCOMES = ['delivered', 'pending', 'invalid', 'unbound', 'throttled', 'failed', 'unknown'];
const COLUMNS = [
  'id',
  'created_at',
  'source',
  'msgtype',
  'summary',
  'sender',
  'to_users',
  'to_departments',
  'to_all',
  'status',
  ...OUTCOMES,
  'errcode',
  'errmsg',
  'recalled_at',
  // Last, so the columns before it keep their places: members who read the message (providers
  // with asynchronous outcomes report it; they are not in `delivered`).
  'read',
] as const;

/**
 * The message log (GET /sys/thirdApp/messages) as CSV: the same rows and filters, newest first,
 * with each message's recipient outcome counts. The message body is not exported (only the
 * summary the log shows).
 */
export function createMessagesExport(deps: { db: Db }) {
  const { db } = deps;
  const repo = createMessagesRepo(db);

  /** The log's rows (messages.repo.ts decides which), before `beforeId`, newest first. */
  const whereOf = (tenantId: number, q: Query, beforeId: number | null) =>
    and(messageListWhere(tenantId, q), beforeId === null ? undefined : lt(messages.id, beforeId));

  type Row = MessageRow & { counts: Record<string, number> };
  async function slice(tenantId: number, q: Query, beforeId: number | null, limit: number) {
    const rows = await db
      .select()
      .from(messages)
      .where(whereOf(tenantId, q, beforeId))
      .orderBy(desc(messages.id))
      .limit(limit);
    const counts = await repo.countOutcomes(
      tenantId,
      rows.map((r) => r.id),
    );
    return rows.map((r): Row => ({ ...r, counts: counts.get(r.id) ?? {} }));
  }

  const cells = (r: Row) => {
    const target = r.target as { toUsers: string[]; toDepartments: number[]; toAll: boolean };
    const error = r.error as { errcode?: number; errmsg?: string } | null;
    return [
      r.id,
      r.createdAt,
      r.source,
      r.msgtype,
      summarise(r.content),
      r.senderUsername,
      target.toUsers.join('|'),
      target.toDepartments.join('|'),
      target.toAll,
      r.status,
      ...OUTCOMES.map((o) => r.counts[o] ?? 0),
      error?.errcode,
      error?.errmsg,
      r.recalledAt,
      r.counts.read ?? 0,
    ];
  };

  return {
    async exportCsv(ctx: TenantContext, q: Query) {
      const [total] = await db
        .select({ n: count() })
        .from(messages)
        .where(whereOf(ctx.tenantId, q, null));
      return csvExport<Row, number>('messages', ctx.tenantId, total!.n, {
        columns: COLUMNS,
        slice: (before, limit) => slice(ctx.tenantId, q, before, limit),
        keyOf: (r) => r.id,
        cells,
      });
    },
  };
}
export type MessagesExport = ReturnType<typeof createMessagesExport>;

export function registerMessagesExportRoutes(
  app: FastifyInstance,
  deps: { messagesExport: MessagesExport },
): void {
  csvRoute(app, {
    url: '/sys/thirdApp/messages/export',
    operationId: 'exportMessages',
    tags: ['messages'],
    summary:
      'The message log as CSV (same rows and filters as GET /sys/thirdApp/messages), streamed',
    description:
      "Tenant administrators export their current tenant's message log, newest first, with each message's recipient outcome counts (never the message body: the summary the log shows).",
    querystring: MessageExportQuerySchema,
    example:
      '\uFEFFid,created_at,source,msgtype,summary,sender,to_users,to_departments,to_all,status,delivered,pending,invalid,unbound,throttled,failed,unknown,errcode,errmsg,recalled_at,read\r\n12,2026-12-01T08:00:00.000Z,composer,text,周五下午三点开会,admin,ZhangSan|LiSi,,false,sent,2,0,0,0,0,0,0,,,,0\r\n',
    build: (req, tenant) => deps.messagesExport.exportCsv(tenant, req.query as Query),
  });
}
