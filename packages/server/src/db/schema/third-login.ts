import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { THIRD_TYPES } from './third-apps';

/**
 * OAuth `state` values handed to WeCom (企业微信网页授权). Only hashes are stored: the state
 * itself and the browser nonce (kept in an HttpOnly cookie) are secrets of the browser that
 * started the sign-in. Rows are short-lived and consumed once, atomically, by any process.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** sha256 hex of the state sent to WeCom. */
    stateHash: text('state_hash').notNull().unique('oauth_states_state_hash_uq'),
    /** sha256 hex of the browser nonce cookie the state is bound to. */
    nonceHash: text('nonce_hash').notNull(),
    tenantId: integer('tenant_id').notNull(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    /** `app` = in-app snsapi_base, `qr` = QR / web login. */
    mode: text('mode', { enum: ['app', 'qr'] }).notNull(),
    /** Same-origin relative path to open after sign-in (validated before it is stored). */
    returnPath: text('return_path').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oauth_states_expires_idx').on(t.expiresAt)],
);

/**
 * One-time tickets the callback hands to the console in a URL fragment. `session` tickets are
 * exchanged for a session token (60 s); `link` tickets let an unbound WeCom member prove an
 * existing account by password (tenant policy `link`, 10 min). Stored hashed, used once.
 */
export const loginTickets = pgTable(
  'login_tickets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ticketHash: text('ticket_hash').notNull().unique('login_tickets_ticket_hash_uq'),
    kind: text('kind', { enum: ['session', 'link'] }).notNull(),
    tenantId: integer('tenant_id').notNull(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    /** The account to sign in (`session`); null for `link` until the password proves one. */
    userId: integer('user_id'),
    corpId: text('corp_id').notNull(),
    extUserId: text('ext_user_id').notNull(),
    returnPath: text('return_path').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_tickets_expires_idx').on(t.expiresAt)],
);
