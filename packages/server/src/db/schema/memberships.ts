import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

export const MEMBERSHIP_STATUS = {
  normal: 1,
  quit: 2,
  pending: 3,
  refused: 4,
  invited: 5,
} as const;

export const memberships = pgTable(
  'memberships',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').notNull(),
    /** 1 normal, 2 quit (离职), 3 pending (审核中), 4 refused, 5 invited. */
    status: smallint('status').notNull(),
    role: text('role', { enum: ['admin', 'member'] })
      .notNull()
      .default('member'),
    /** Frozen in this tenant only; the account may still act elsewhere. */
    frozen: boolean('frozen').notNull().default(false),
    /**
     * What this tenant's directory (or admin) calls the member, kept on the membership when the
     * account is shared with other tenants and so is not the tenant's to rename (PRODUCT.md §7).
     * Null = the account's own realname / position.
     */
    displayName: text('display_name'),
    position: text('position'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('memberships_tenant_user_uq').on(t.tenantId, t.userId),
    index('memberships_user_idx').on(t.userId),
    index('memberships_tenant_status_idx').on(t.tenantId, t.status),
    foreignKey({
      name: 'memberships_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
    foreignKey({ name: 'memberships_user_fk', columns: [t.userId], foreignColumns: [users.id] }),
    check('memberships_status_ck', sql`${t.status} between 1 and 5`),
  ],
);
