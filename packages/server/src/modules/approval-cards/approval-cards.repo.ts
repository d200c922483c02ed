import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS, type ThirdType } from '../../db/schema';
import { rowsOf } from '../../lib/sql';

/** Reads of the approval cards (PRODUCT.md §8); tenant id first in every statement. */
export function createApprovalCardsRepo(db: Db) {
  return {
    /**
     * The tenant's active, unfrozen admins with an active binding to a member of `corpId`:
     * who gets a card. Usernames are what the send path resolves.
     */
    async boundAdmins(tenantId: number, thirdType: ThirdType, corpId: string) {
      return rowsOf<{ user_id: number; username: string; ext_user_id: string }>(
        await db.execute(sql`
          select u.id as user_id, u.username, ta.ext_user_id
          from memberships m
          join users u on u.id = m.user_id
          join third_accounts ta on ta.tenant_id = m.tenant_id and ta.user_id = m.user_id
          where m.tenant_id = ${tenantId} and m.role = 'admin'
            and m.status = ${MEMBERSHIP_STATUS.normal} and not m.frozen
            and ta.third_type = ${thirdType} and ta.corp_id = ${corpId} and ta.active
          order by m.id`),
      );
    },

    /** The pending member a card is about, with the tenant's name; null when not pending. */
    async pendingApplicant(tenantId: number, userId: number) {
      const [row] = rowsOf<{
        user_id: number;
        username: string;
        realname: string;
        phone: string | null;
        tenant_name: string;
      }>(
        await db.execute(sql`
          select u.id as user_id, u.username, u.realname, u.phone, t.name as tenant_name
          from memberships m
          join users u on u.id = m.user_id
          join tenants t on t.id = m.tenant_id
          where m.tenant_id = ${tenantId} and m.user_id = ${userId}
            and m.status = ${MEMBERSHIP_STATUS.pending}`),
      );
      return row ?? null;
    },

    /**
     * Who clicked: the account bound to WeCom member `extUserId` in THIS tenant (userids ignore
     * case), with its membership there — null when the member is bound to nobody here.
     */
    async clicker(tenantId: number, thirdType: ThirdType, corpId: string, extUserId: string) {
      const [row] = rowsOf<{
        user_id: number;
        username: string;
        realname: string;
        role: string | null;
        status: number | null;
        frozen: boolean | null;
      }>(
        await db.execute(sql`
          select u.id as user_id, u.username, u.realname, m.role, m.status, m.frozen
          from third_accounts ta
          join users u on u.id = ta.user_id
          left join memberships m on m.tenant_id = ta.tenant_id and m.user_id = ta.user_id
          where ta.tenant_id = ${tenantId} and ta.third_type = ${thirdType}
            and ta.corp_id = ${corpId} and lower(ta.ext_user_id) = lower(${extUserId})
            and ta.active
          limit 1`),
      );
      return row ?? null;
    },

    /**
     * The approval card this tenant sent with `taskId` (from the message log), and the members
     * it reached: a task id OrgBridge did not send in this tenant is no card of ours.
     */
    async findCard(tenantId: number, taskId: string) {
      const [card] = rowsOf<{ id: number }>(
        await db.execute(sql`
          select id from messages
          where tenant_id = ${tenantId} and source = 'approval_card'
            and content -> 'template_card' ->> 'task_id' = ${taskId}
          order by id desc limit 1`),
      );
      if (!card) return null;
      const reached = rowsOf<{ ext_user_id: string }>(
        await db.execute(sql`
          select ext_user_id from message_recipients
          where tenant_id = ${tenantId} and message_id = ${card.id}
            and outcome = 'delivered' and ext_user_id is not null`),
      );
      // `ob_<tenant>_<user>_`: the same applicant's cards (compared with left(), not LIKE, whose
      // `_` is a wildcard).
      const applicant = taskId.slice(0, taskId.lastIndexOf('_') + 1);
      const [newer] = rowsOf<{ id: number }>(
        await db.execute(sql`
          select id from messages
          where tenant_id = ${tenantId} and source = 'approval_card' and id > ${card.id}
            and left(content -> 'template_card' ->> 'task_id', ${applicant.length}) = ${applicant}
          limit 1`),
      );
      return {
        messageId: card.id,
        reached: reached.map((r) => r.ext_user_id),
        newest: newer === undefined,
      };
    },

    /** Cards this tenant sent in the last minute and hour (CARD_CAP). */
    async cardsSent(tenantId: number) {
      const [row] = rowsOf<{ last_minute: number; last_hour: number }>(
        await db.execute(sql`
          select count(*) filter (where created_at > now() - interval '1 minute')::int as last_minute,
                 count(*)::int as last_hour
          from messages
          where tenant_id = ${tenantId} and source = 'approval_card'
            and created_at > now() - interval '1 hour'`),
      );
      return { lastMinute: row?.last_minute ?? 0, lastHour: row?.last_hour ?? 0 };
    },
  };
}
export type ApprovalCardsRepo = ReturnType<typeof createApprovalCardsRepo>;
