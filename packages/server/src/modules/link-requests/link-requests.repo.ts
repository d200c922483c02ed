import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  MEMBERSHIP_STATUS,
  linkRequests,
  memberships,
  tenants,
  thirdAccounts,
  type ThirdType,
} from '../../db/schema';
import { rowsOf } from '../../lib/sql';

export type LinkRequestRow = typeof linkRequests.$inferSelect;

interface RawRequest {
  tenant_id: number;
  id: number;
  third_type: ThirdType;
  corp_id: string;
  ext_user_id: string;
  ext_name: string;
  ext_data: Record<string, unknown> | null;
  user_id: number;
  status: LinkRequestRow['status'];
}

export interface LockedRequest {
  tenantId: number;
  id: number;
  thirdType: ThirdType;
  corpId: string;
  extUserId: string;
  extName: string;
  extData: Record<string, unknown> | null;
  userId: number;
  status: LinkRequestRow['status'];
}

const fromRaw = (r: RawRequest): LockedRequest => ({
  tenantId: r.tenant_id,
  id: r.id,
  thirdType: r.third_type,
  corpId: r.corp_id,
  extUserId: r.ext_user_id,
  extName: r.ext_name,
  extData: r.ext_data,
  userId: r.user_id,
  status: r.status,
});

/**
 * Link requests seen from the account's owner: every statement is scoped by the owner's user id
 * (a request is the business of the account it asks, whichever tenant asked).
 */
export function createLinkRequestsRepo(db: Db) {
  return {
    /** The owner's pending requests, oldest first, with the asking tenant's name. */
    async listPendingOfUser(userId: number) {
      return db
        .select({
          id: linkRequests.id,
          tenantId: linkRequests.tenantId,
          tenantName: tenants.name,
          thirdType: linkRequests.thirdType,
          wechatUserId: linkRequests.extUserId,
          wechatName: linkRequests.extName,
          createdAt: linkRequests.createdAt,
        })
        .from(linkRequests)
        .innerJoin(tenants, eq(tenants.id, linkRequests.tenantId))
        .where(and(eq(linkRequests.userId, userId), eq(linkRequests.status, 'pending')))
        .orderBy(asc(linkRequests.createdAt), asc(linkRequests.id));
    },

    /** The request `id` of the account `userId`, locked until the transaction ends; null if none. */
    async lockOfUser(userId: number, id: number): Promise<LockedRequest | null> {
      const [row] = rowsOf<RawRequest>(
        await db.execute(sql`select * from ${linkRequests}
          where id = ${id} and user_id = ${userId} for update`),
      );
      return row ? fromRaw(row) : null;
    },

    /**
     * The pending request asking `userId` to link this WeCom member of the tenant, locked until
     * the transaction ends; userids compare case-insensitively.
     */
    async lockPendingFor(m: {
      tenantId: number;
      thirdType: ThirdType;
      corpId: string;
      extUserId: string;
      userId: number;
    }): Promise<LockedRequest | null> {
      const [row] = rowsOf<RawRequest>(
        await db.execute(sql`select * from ${linkRequests}
          where tenant_id = ${m.tenantId} and third_type = ${m.thirdType} and corp_id = ${m.corpId}
            and lower(ext_user_id) = lower(${m.extUserId}) and user_id = ${m.userId}
            and status = 'pending'
          for update`),
      );
      return row ? fromRaw(row) : null;
    },

    async decide(tenantId: number, id: number, status: 'accepted' | 'refused'): Promise<void> {
      await db
        .update(linkRequests)
        .set({ status, decidedAt: new Date() })
        .where(and(eq(linkRequests.tenantId, tenantId), eq(linkRequests.id, id)));
    },

    /**
     * Makes the account a member of the tenant waiting for approval (审核中), unless it is one
     * already (active or pending, kept as they are); locks the membership row. Answers the status.
     */
    async ensurePendingMembership(tenantId: number, userId: number): Promise<number> {
      await db.execute(sql`insert into ${memberships} (tenant_id, user_id, status)
        values (${tenantId}, ${userId}, ${MEMBERSHIP_STATUS.pending})
        on conflict (tenant_id, user_id) do nothing`);
      const [m] = rowsOf<{ status: number }>(
        await db.execute(sql`select status from ${memberships}
          where tenant_id = ${tenantId} and user_id = ${userId} for update`),
      );
      const status = Number(m!.status);
      if (status === MEMBERSHIP_STATUS.normal || status === MEMBERSHIP_STATUS.pending)
        return status;
      await db
        .update(memberships)
        .set({ status: MEMBERSHIP_STATUS.pending, updatedAt: new Date() })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return MEMBERSHIP_STATUS.pending;
    },

    /** The membership status of the account in the tenant; null when it has none. */
    async membershipStatus(tenantId: number, userId: number): Promise<number | null> {
      const [m] = await db
        .select({ status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return m ? m.status : null;
    },

    /**
     * Bindings in the tenant that stand in the way of binding this member to this account: the
     * member bound to someone, or the account bound to some member (live or not).
     */
    async bindingsInTheWay(r: LockedRequest) {
      return rowsOf<{ id: number; user_id: number; ext_user_id: string }>(
        await db.execute(sql`select id, user_id, ext_user_id from ${thirdAccounts}
          where tenant_id = ${r.tenantId} and third_type = ${r.thirdType}
            and ((corp_id = ${r.corpId} and lower(ext_user_id) = lower(${r.extUserId}))
              or user_id = ${r.userId})`),
      );
    },
  };
}
export type LinkRequestsRepo = ReturnType<typeof createLinkRequestsRepo>;
