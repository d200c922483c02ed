import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { THIRD_TYPES } from './third-apps';

/**
 * Where a message came from: the seed's push API, the console/API composer, or an approval card
 * OrgBridge sends to the tenant's admins when someone becomes pending (PRODUCT.md §8).
 */
export const MESSAGE_SOURCES = ['push_api', 'composer', 'approval_card'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

/**
 * `sending` while the provider is being called; `sent` = accepted for every recipient;
 * `partial` = accepted, but some recipients were invalid, unbound, throttled or failed;
 * `failed` = the provider refused every batch; `not_sent` = nothing deliverable, provider not
 * called; `unknown` = the provider was (or may have been) called but the outcome could not be
recorded (the sending process stopped, or the database refused the write) — `error` says why and
`msgIds` holds what is known. Recall is tracked separately (recalledAt) so the send outcome stays
readable.
 */
export const MESSAGE_STATUSES = [
  'sending',
  'sent',
  'partial',
  'failed',
  'not_sent',
  'unknown',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Per-recipient outcome. `pending` only while sending (it counts toward the per-member limit);
 * `failed` = the provider refused the batch this recipient was in; `unknown` = still pending when
 * the sweep resolved its message as `unknown` (the sending process stopped). `unknown` does not
 * count toward the per-member limit: see messages.outcomes.ts. `read` = delivered and read, as a
 * provider with asynchronous outcomes reports it (DingTalk getsendresult; issue 19).
 */
export const RECIPIENT_OUTCOMES = [
  'pending',
  'delivered',
  'invalid',
  'unbound',
  'throttled',
  'failed',
  'unknown',
  'read',
] as const;
export type RecipientOutcome = (typeof RECIPIENT_OUTCOMES)[number];

export interface MessageTarget {
  toUsers: string[];
  toDepartments: number[];
  toAll: boolean;
}

/** Department part of the outcome (departments are not expanded to members). */
export interface DepartmentOutcome {
  delivered: number[];
  invalid: number[];
  unbound: number[];
}

export interface MessageError {
  errcode: number;
  errmsg: string;
  kind: string;
  explanation?: Record<string, { title: string; cause: string; fix: string }>;
}

/** The message log: every send through either API, tenant-scoped. */
export const messages = pgTable(
  'messages',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    source: text('source', { enum: MESSAGE_SOURCES }).notNull(),
    /** The sender's user id; no FK so the log outlives the account. */
    senderUserId: integer('sender_user_id').notNull(),
    senderUsername: text('sender_username').notNull(),
    msgtype: text('msgtype').notNull(),
    /** The provider body as sent (links already wrapped). */
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    /** Receivers as given. */
    target: jsonb('target').$type<MessageTarget>().notNull(),
    departments: jsonb('departments').$type<DepartmentOutcome>(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    /** One provider message id per batch of at most 1000 users (recall needs each). */
    msgIds: text('msg_ids').array().notNull().default([]),
    error: jsonb('error').$type<MessageError>(),
    recalledAt: timestamp('recalled_at', { withTimezone: true }),
    recalledBy: integer('recalled_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('messages_tenant_id_uq').on(t.tenantId, t.id),
    index('messages_tenant_created_idx').on(t.tenantId, t.createdAt),
    // The sweep of sends whose process stopped reads only these (few) rows.
    index('messages_sending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'sending'`),
    foreignKey({ name: 'messages_tenant_fk', columns: [t.tenantId], foreignColumns: [tenants.id] }),
  ],
);

/**
 * One row per named recipient. Delivered and pending rows are also what the per-member limit
 * (30/min, 1000/h per app and member) counts, so they carry the external user id.
 */
export const messageRecipients = pgTable(
  'message_recipients',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    messageId: integer('message_id').notNull(),
    username: text('username').notNull(),
    userId: integer('user_id'),
    /** Lower-cased: WeCom userids are case-insensitive and `invaliduser` comes back lower-cased. */
    extUserId: text('ext_user_id'),
    outcome: text('outcome', { enum: RECIPIENT_OUTCOMES }).notNull(),
    msgId: text('msg_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_recipients_message_idx').on(t.tenantId, t.messageId),
    index('message_recipients_throttle_idx').on(t.tenantId, t.extUserId, t.createdAt),
    foreignKey({
      name: 'message_recipients_message_fk',
      columns: [t.tenantId, t.messageId],
      foreignColumns: [messages.tenantId, messages.id],
    }).onDelete('cascade'),
  ],
);
