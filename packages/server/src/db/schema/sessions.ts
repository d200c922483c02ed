import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

export const sessions = pgTable(
  'sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** sha256 (hex) of the opaque token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique('sessions_token_hash_uq'),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    currentTenantId: integer('current_tenant_id'),
    /**
     * Set for a session opened by a connector's sign-in (WeCom…): the only tenant it may act in,
     * and it carries no platform rights whatever the account is (PRODUCT.md §7). Null = a
     * password session, which works across the account's tenants.
     */
    scopeTenantId: integer('scope_tenant_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** What a throttled attempt was: a sign-in, a password change, a join by house number. */
export const ATTEMPT_KINDS = ['login', 'change_password', 'join'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/** Failed and successful password logins (and other throttled attempts), kept for throttling. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind', { enum: ATTEMPT_KINDS }).notNull().default('login'),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_username_idx').on(t.username, t.createdAt),
    index('login_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);
