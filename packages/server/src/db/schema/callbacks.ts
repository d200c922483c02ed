import { sql } from 'drizzle-orm';
import {
  bigint,
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

/** change_contact sub-types (通讯录变更事件, doc /90970–/90972) that we store and apply. */
export const CONTACT_CHANGE_TYPES = [
  'create_user',
  'update_user',
  'delete_user',
  'create_party',
  'update_party',
  'delete_party',
] as const;
export type ContactChangeType = (typeof CONTACT_CHANGE_TYPES)[number];

/**
 * The neutral change kinds (connectors/kit.ts NeutralContactChange) stored since issue 19 for
 * every provider; rows stored before keep WeCom's spellings above and stay readable.
 */
export const NEUTRAL_CHANGE_KINDS = [
  'member.upsert',
  'member.left',
  'department.upsert',
  'department.removed',
  'scope.changed',
] as const;
export type NeutralChangeKindColumn = (typeof NEUTRAL_CHANGE_KINDS)[number];

/**
 * Other events stored only to de-duplicate them: a click on an interactive card (`card.click`;
 * `template_card_event` before issue 19). They are stored applied (handled when received), so
 * the contact applier never takes them.
 */
export const CARD_EVENT_TYPE = 'template_card_event';
export const CARD_CLICK_TYPE = 'card.click';
export const CALLBACK_EVENT_TYPES = [
  ...CONTACT_CHANGE_TYPES,
  ...NEUTRAL_CHANGE_KINDS,
  CARD_EVENT_TYPE,
  CARD_CLICK_TYPE,
] as const;

/**
 * `pending` until a run takes the event, `running` while it is being applied, then `applied`
 * (applied_at set) or the outcome of the run that could not apply it (`failed`,
 * `needs_confirmation`); anything but `applied` is taken again by the next attempt.
 */
export const CALLBACK_OUTCOMES = [
  'pending',
  'running',
  'applied',
  'failed',
  'needs_confirmation',
] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/**
 * Verified, decrypted contact-change callbacks (PRODUCT.md §5.7). WeCom retries a delivery it
 * did not see acknowledged, so `dedup_key` (sha256 of the decrypted plaintext) is unique per
 * tenant and a retry is stored once. `payload` keeps ids only (UserID, NewUserID, department
 * ids, ParentId): names, mobiles and e-mails are re-read from WeCom when the event is applied.
 */
export const callbackEvents = pgTable(
  'callback_events',
  {
    tenantId: integer('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    dedupKey: text('dedup_key').notNull(),
    changeType: text('change_type', { enum: CALLBACK_EVENT_TYPES }).notNull(),
    /** UserID of a member event, Id of a department event. */
    extId: text('ext_id').notNull(),
    /** NewUserID of a userid rename (update_user). */
    newExtId: text('new_ext_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** The sync run that last took the event. */
    runId: integer('run_id'),
    outcome: text('outcome', { enum: CALLBACK_OUTCOMES }).notNull().default('pending'),
    error: jsonb('error').$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex('callback_events_dedup_uq').on(t.tenantId, t.thirdType, t.dedupKey),
    index('callback_events_unapplied_idx')
      .on(t.tenantId, t.thirdType, t.id)
      .where(sql`${t.appliedAt} is null`),
    index('callback_events_run_idx').on(t.tenantId, t.runId),
    foreignKey({
      name: 'callback_events_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
  ],
);
