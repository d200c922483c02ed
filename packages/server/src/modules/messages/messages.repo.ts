import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  departments,
  memberships,
  messageRecipients,
  messages,
  thirdAccounts,
  type MessageStatus,
  type RecipientOutcome,
} from '../../db/schema';
import { createAutoAnalyze } from '../../db/auto-analyze';
import { offsetOf } from '../../lib/sql';
import { createBatcher } from '../../lib/batcher';
import {
  journal,
  type Logged,
  type FinishBatch,
  type SendAudit,
  type FinishItem,
  type FinishPatch,
  type LogItem,
  type CountedLimits,
} from './messages.writes';

export type MessageRow = typeof messages.$inferSelect;
export type NewMessage = Omit<typeof messages.$inferInsert, 'tenantId' | 'id'>;

export interface ResolvedUser {
  username: string;
  userId: number | null;
  /** Lower-cased external id; null = unbound. */
  extUserId: string | null;
}

export interface RecipientDraft extends ResolvedUser {
  outcome: RecipientOutcome;
}

/** Every statement is scoped by the tenant id it receives first. */
export interface MessageListFilters {
  status?: MessageStatus | undefined;
  source?: string | undefined;
}

/**
 * Which messages the message log shows — and so its CSV export (messages.export.ts): the
 * tenant's, by status and source. The one place that decides it: the list and the export share it.
 */
export function messageListWhere(tenantId: number, f: MessageListFilters): SQL {
  const conditions: SQL[] = [eq(messages.tenantId, tenantId)];
  if (f.status) conditions.push(eq(messages.status, f.status));
  if (f.source) conditions.push(sql`${messages.source} = ${f.source}`);
  return and(...conditions)!;
}

export function createMessagesRepo(
  db: Db,
  opts: {
    /** ANALYZE failures of the message log (db/auto-analyze.ts). */
    onAnalyzeError?: (err: unknown) => void;
    /** Items written by each round of the journal (GET /metrics). */
    onJournalBatch?: (size: number) => void;
  } = {},
) {
  // The send path's statements run for every concurrent send at once (lib/batcher.ts).
  // The log grows with every send; its prepared statements need telling when to re-plan for it.
  const stats = createAutoAnalyze(db, ['messages', 'message_recipients'], opts.onAnalyzeError);
  const noteLogged = (logged: Logged[]) => {
    stats.noteWrites(logged.reduce((n, l) => n + 1 + l.recipients.length, 0));
    return logged;
  };
  // Logs and finishes waiting together share one statement per round (messages.writes.ts). One
  // round at a time: on PostgreSQL, two or four rounds in flight made smaller rounds and cost
  // more CPU per send than they saved in waiting (measured: 1,040 → 830 → 680 req/s).
  const journaling = createBatcher(async (items: ({ log: LogItem } | { finish: FinishItem })[]) => {
    opts.onJournalBatch?.(items.length);
    const logs: LogItem[] = [];
    const finishes: FinishItem[] = [];
    for (const it of items) {
      if ('log' in it) logs.push(it.log);
      else finishes.push(it.finish);
    }
    const logged = noteLogged(await journal(db, logs, finishes));
    let next = 0;
    return items.map((it) => ('log' in it ? logged[next++]! : null));
  });
  return {
    /** Department ids of this tenant → their id in the provider's directory (null = not mirrored). */
    async resolveDepartments(tenantId: number, provider: string, ids: number[]) {
      if (ids.length === 0) return [];
      const rows = await db
        .select({ id: departments.id, extId: departments.extId })
        .from(departments)
        .where(
          and(
            eq(departments.tenantId, tenantId),
            eq(departments.extSource, provider),
            inArray(departments.id, ids),
          ),
        );
      const found = new Map(rows.map((r) => [r.id, r.extId]));
      return ids.map((id) => ({ id, extId: found.get(id) ?? null }));
    },

    /**
     * Resolves the receivers through the corp's bindings and logs the message with every
     * recipient (see messages.writes.ts); concurrent sends share one statement.
     */
    async logMessage(
      tenantId: number,
      corpId: string,
      message: NewMessage,
      usernames: string[],
      limits?: CountedLimits,
    ) {
      return (await journaling.run({
        log: { tenantId, corpId, message, usernames, ...(limits ? { limits } : {}) },
      })) as Logged;
    },

    finishMessage: (
      tenantId: number,
      messageId: number,
      patch: FinishPatch,
      batches: FinishBatch[],
      audit?: SendAudit,
    ) => {
      return journaling
        .run({ finish: { tenantId, messageId, patch, batches, audit } })
        .then(() => undefined);
    },

    async findMessageById(tenantId: number, id: number) {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)));
      return row ?? null;
    },

    /**
     * Who an @all send reaches in this tenant: members with an active binding to the corp whose
     * membership is active (1) and not frozen — the same rule the send path resolves users by.
     */
    async countAudience(tenantId: number, thirdType: string, corpId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(thirdAccounts)
        .innerJoin(
          memberships,
          and(
            eq(memberships.tenantId, thirdAccounts.tenantId),
            eq(memberships.userId, thirdAccounts.userId),
          ),
        )
        .where(
          and(
            eq(thirdAccounts.tenantId, tenantId),
            sql`${thirdAccounts.thirdType} = ${thirdType}`,
            eq(thirdAccounts.corpId, corpId),
            eq(thirdAccounts.active, true),
            eq(memberships.status, 1),
            eq(memberships.frozen, false),
          ),
        );
      return Number(row?.n ?? 0);
    },

    async listMessages(
      tenantId: number,
      f: { page: number; pageSize: number; status?: MessageStatus; source?: string },
    ) {
      const where = messageListWhere(tenantId, f);
      const records = await db
        .select()
        .from(messages)
        .where(where)
        .orderBy(desc(messages.id))
        .limit(f.pageSize)
        .offset(offsetOf(f.page, f.pageSize));
      const [total] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(messages)
        .where(where);
      return { records, total: total!.n };
    },

    /** Outcome counts per message, for the list. */
    async countOutcomes(tenantId: number, ids: number[]) {
      if (ids.length === 0) return new Map<number, Record<string, number>>();
      const rows = await db
        .select({
          messageId: messageRecipients.messageId,
          outcome: messageRecipients.outcome,
          n: sql<number>`count(*)::int`,
        })
        .from(messageRecipients)
        .where(
          and(eq(messageRecipients.tenantId, tenantId), inArray(messageRecipients.messageId, ids)),
        )
        .groupBy(messageRecipients.messageId, messageRecipients.outcome);
      const out = new Map<number, Record<string, number>>();
      for (const r of rows) {
        const m = out.get(r.messageId) ?? {};
        m[r.outcome] = r.n;
        out.set(r.messageId, m);
      }
      return out;
    },

    async listRecipients(tenantId: number, messageId: number) {
      return db
        .select()
        .from(messageRecipients)
        .where(
          and(eq(messageRecipients.tenantId, tenantId), eq(messageRecipients.messageId, messageId)),
        )
        .orderBy(messageRecipients.id);
    },

    /** Marks a message recalled once; false when it already was. */
    async markRecalled(tenantId: number, id: number, byUserId: number) {
      const rows = await db
        .update(messages)
        .set({ recalledAt: new Date(), recalledBy: byUserId })
        .where(
          and(
            eq(messages.tenantId, tenantId),
            eq(messages.id, id),
            sql`${messages.recalledAt} is null`,
          ),
        )
        .returning({ recalledAt: messages.recalledAt });
      return rows[0]?.recalledAt ?? null;
    },
  };
}
export type MessagesRepo = ReturnType<typeof createMessagesRepo>;
