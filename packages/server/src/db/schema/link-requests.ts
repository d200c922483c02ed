import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { THIRD_TYPES } from './third-apps';
import { users } from './users';

/** `pending` until the account's owner decides; `cancelled` when the tenant withdrew it. */
export const LINK_REQUEST_STATUSES = ['pending', 'accepted', 'refused', 'cancelled'] as const;
export type LinkRequestStatus = (typeof LINK_REQUEST_STATUSES)[number];

/**
 * A tenant asks an account it does not own (PRODUCT.md §7: shared with another tenant, or not a
 * member at all) to be bound to one of its connector's members. Nothing is bound, and for an
 * outsider no membership exists, until the account's owner accepts — signed in with their own
 * password, or at the WeCom sign-in's link-by-password step.
 */
export const linkRequests = pgTable(
  'link_requests',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    corpId: text('corp_id').notNull(),
    extUserId: text('ext_user_id').notNull(),
    /** The member's name in the external directory (what the owner is asked about). */
    extName: text('ext_name').notNull().default(''),
    /** WeCom-owned fields of the member (as on a binding), applied on acceptance. */
    extData: jsonb('ext_data').$type<Record<string, unknown>>(),
    userId: integer('user_id').notNull(),
    status: text('status', { enum: LINK_REQUEST_STATUSES }).notNull().default('pending'),
    /** The admin whose apply (or whose tenant's scheduled/callback run) asked. */
    requestedBy: integer('requested_by'),
    runId: integer('run_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // One open request per external member and one per account in a tenant.
    uniqueIndex('link_requests_pending_ext_uq')
      .on(t.tenantId, t.thirdType, t.corpId, sql`lower(${t.extUserId})`)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex('link_requests_pending_user_uq')
      .on(t.tenantId, t.thirdType, t.userId)
      .where(sql`${t.status} = 'pending'`),
    index('link_requests_user_status_idx').on(t.userId, t.status),
    foreignKey({
      name: 'link_requests_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
    foreignKey({
      name: 'link_requests_user_fk',
      columns: [t.userId],
      foreignColumns: [users.id],
    }).onDelete('cascade'),
  ],
);
