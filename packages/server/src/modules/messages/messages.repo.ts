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

/** WeCom's per-app, per-member limits (reference §5.1); excess is dropped silently by WeCom. */
export const MEMBER_LIMITS = { perMinute: 30, perHour: 1000 } as const;

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
      const rows = await db
        .select({
          username: users.username,
          userId: users.id,
          extUserId: thirdAccounts.extUserId,
        })
        .from(users)
        .innerJoin(
          memberships,
          and(
            eq(memberships.userId, users.id),
            eq(memberships.tenantId, tenantId),
            eq(memberships.status, MEMBERSHIP_STATUS.normal),
            eq(memberships.frozen, false),
          ),
        )
        .leftJoin(
          thirdAccounts,
          and(
            eq(thirdAccounts.tenantId, tenantId),
            eq(thirdAccounts.userId, users.id),
            eq(thirdAccounts.thirdType, thirdType),
            eq(thirdAccounts.corpId, corpId),
            eq(thirdAccounts.active, true),
          ),
        )
        .where(inArray(users.username, usernames));
      const found = new Map(rows.map((r) => [r.username, r]));
      return usernames.map((username) => {
        const r = found.get(username);
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

    /**
     * Logs the message and its recipients in one short transaction. Bound recipients become
     * `pending` unless they reached the per-member limit (`throttled`). A transaction-scoped
     * advisory lock per tenant makes count-then-insert safe across processes sharing PostgreSQL.
     */
    async insertMessage(tenantId: number, message: NewMessage, drafts: ResolvedUser[]) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(messages)
          .values({ ...message, tenantId })
          .returning({ id: messages.id, createdAt: messages.createdAt });
        const messageId = row!.id;
        const bound = drafts.filter((d) => d.extUserId);
        let full = new Set<string>();
        if (bound.length > 0) {
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtextextended(${`messages-throttle:${tenantId}`}, 0))`,
          );
          full = await membersAtLimit(
            tx,
            tenantId,
            bound.map((d) => d.extUserId!),
          );
        }
        const recipients: RecipientDraft[] = drafts.map((d) => ({
          ...d,
          outcome: !d.extUserId ? 'unbound' : full.has(d.extUserId) ? 'throttled' : 'pending',
        }));
        for (let i = 0; i < recipients.length; i += 5000) {
          await tx.insert(messageRecipients).values(
            recipients.slice(i, i + 5000).map((r) => ({
              tenantId,
              messageId,
              username: r.username,
              userId: r.userId,
              extUserId: r.extUserId,
              outcome: r.outcome,
            })),
          );
        }
        return { messageId, createdAt: row!.createdAt, recipients };
      });
    },

    /** Records the provider's answer: message status and each recipient's final outcome. */
    async finishMessage(
      tenantId: number,
      messageId: number,
      patch: Partial<Pick<MessageRow, 'status' | 'msgIds' | 'error' | 'departments'>>,
      batches: { extUserIds: string[]; msgId: string | null; invalid: string[] }[],
    ) {
      await db.transaction(async (tx) => {
        await tx
          .update(messages)
          .set({ ...patch, finishedAt: new Date() })
          .where(and(eq(messages.tenantId, tenantId), eq(messages.id, messageId)));
        for (const b of batches) {
          if (b.extUserIds.length === 0) continue;
          const otherwise = b.msgId ? 'delivered' : 'failed';
          const outcome = sql`case when ${messageRecipients.extUserId} = any(${sql.param(b.invalid)}::text[]) then 'invalid' else ${otherwise} end`;
          await tx
            .update(messageRecipients)
            .set({ outcome: outcome as unknown as RecipientOutcome, msgId: b.msgId })
            .where(
              and(
                eq(messageRecipients.tenantId, tenantId),
                eq(messageRecipients.messageId, messageId),
                eq(messageRecipients.outcome, 'pending'),
                sql`${messageRecipients.extUserId} = any(${sql.param(b.extUserIds)}::text[])`,
              ),
            );
        }
      });
    },

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

/** External ids that reached 30 messages in the last minute or 1000 in the last hour. */
async function membersAtLimit(db: Db, tenantId: number, extUserIds: string[]) {
  const result = await db.execute(sql`
    select ext_user_id,
      count(*) filter (where created_at > now() - interval '1 minute')::int as minute,
      count(*)::int as hour
    from ${messageRecipients}
    where tenant_id = ${tenantId}
      and ext_user_id = any(${sql.param(extUserIds)}::text[])
      and outcome in ('pending', 'delivered')
      and created_at > now() - interval '1 hour'
    group by ext_user_id`);
  const full = new Set<string>();
  for (const r of rowsOf<{ ext_user_id: string; minute: number; hour: number }>(result)) {
    if (r.minute >= MEMBER_LIMITS.perMinute || r.hour >= MEMBER_LIMITS.perHour)
      full.add(r.ext_user_id);
  }
  return full;
}
