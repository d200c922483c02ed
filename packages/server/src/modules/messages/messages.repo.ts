import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  MEMBERSHIP_STATUS,
  departments,
  memberships,
  messageRecipients,
  messages,
  thirdAccounts,
  users,
  type MessageStatus,
  type RecipientOutcome,
  type ThirdType,
} from '../../db/schema';
import { offsetOf, rowsOf } from '../../lib/sql';
import {
  finishMessage,
  insertMessage,
  type FinishBatch,
  type FinishPatch,
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
export function createMessagesRepo(db: Db) {
  return {
    /**
     * Usernames → active members of the tenant and their active binding for this corp.
     * Names that are not active, unfrozen members come back without a user id.
     */
    async resolveUsers(
      tenantId: number,
      thirdType: ThirdType,
      corpId: string,
      usernames: string[],
    ): Promise<ResolvedUser[]> {
      if (usernames.length === 0) return [];
      // Correlated scalar subqueries, not joins: each runs per user on a unique index whatever
      // the planner's statistics say. The embedded database has no autovacuum, so right after a
      // sync its statistics still describe empty tables and a join here was planned as nested
      // scans over every membership and binding (18–30 ms instead of 0.3 ms).
      const names = usernames.map((u) => u.toLowerCase());
      const result = await db.execute(sql`
        select u.username, u.id as user_id,
          (select t.ext_user_id from ${thirdAccounts} t
            where t.tenant_id = ${tenantId} and t.third_type = ${thirdType}
              and t.user_id = u.id and t.corp_id = ${corpId} and t.active) as ext_user_id
        from ${users} u
        where lower(u.username) = any(${sql.param(names)}::text[])
          and (select m.status from ${memberships} m
                where m.tenant_id = ${tenantId} and m.user_id = u.id and not m.frozen)
              = ${MEMBERSHIP_STATUS.normal}`);
      const rows = rowsOf<{ username: string; user_id: number; ext_user_id: string | null }>(
        result,
      ).map((r) => ({ username: r.username, userId: r.user_id, extUserId: r.ext_user_id }));
      const found = new Map(rows.map((r) => [r.username.toLowerCase(), r]));
      return usernames.map((username) => {
        const r = found.get(username.toLowerCase());
        return {
          username,
          userId: r?.userId ?? null,
          extUserId: r?.extUserId ? r.extUserId.toLowerCase() : null,
        };
      });
    },

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

    insertMessage: (tenantId: number, message: NewMessage, drafts: ResolvedUser[]) =>
      insertMessage(db, tenantId, message, drafts),

    finishMessage: (
      tenantId: number,
      messageId: number,
      patch: FinishPatch,
      batches: FinishBatch[],
    ) => finishMessage(db, tenantId, messageId, patch, batches),

    async findMessageById(tenantId: number, id: number) {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.tenantId, tenantId), eq(messages.id, id)));
      return row ?? null;
    },

    async listMessages(
      tenantId: number,
      f: { page: number; pageSize: number; status?: MessageStatus; source?: string },
    ) {
      const conditions: SQL[] = [eq(messages.tenantId, tenantId)];
      if (f.status) conditions.push(eq(messages.status, f.status));
      if (f.source) conditions.push(sql`${messages.source} = ${f.source}`);
      const where = and(...conditions);
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
