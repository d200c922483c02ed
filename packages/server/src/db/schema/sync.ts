import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
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

export const SYNC_TRIGGERS = ['manual', 'schedule', 'callback', 'api', 'reconcile'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const SYNC_RUN_STATUSES = [
  'planned',
  'running',
  'succeeded',
  'failed',
  'needs_confirmation',
  'cancelled',
] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** Raw bytes (PGlite returns a Uint8Array, node-postgres a Buffer; both become a Buffer). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A stored preview (plan) of one directory read. `snapshotGz` is the external directory as read,
 * gzipped JSON (apply works from it, never re-reading WeCom; compressed, a 50k-member directory
 * is a couple of MB instead of tens, which the embedded database's memory never gives back); `localVersion` fingerprints the tenant's local
 * state when the plan was made, so applying it after local changes is refused as stale (409).
 */
export const syncPlans = pgTable(
  'sync_plans',
  {
    tenantId: integer('tenant_id').notNull(),
    id: text('id').primaryKey(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    corpId: text('corp_id').notNull(),
    createdBy: integer('created_by'),
    localVersion: text('local_version').notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    partial: boolean('partial').notNull().default(false),
    snapshotGz: bytea('snapshot_gz').notNull(),
    /** The plan's counts, as the preview showed them. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
    /**
     * Nothing to do when it was made (no op of any kind): applying it without decisions changes
     * nothing, so its snapshot need not even be read. The plan itself is not kept — it is a
     * function of the snapshot, the local state and the decisions, and is planned again at apply.
     */
    noOps: boolean('no_ops').notNull(),
    /** Set when a run consumed the plan: a plan is applied at most once. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sync_plans_tenant_created_idx').on(t.tenantId, t.createdAt),
    foreignKey({
      name: 'sync_plans_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
  ],
);

export const syncRuns = pgTable(
  'sync_runs',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    planId: text('plan_id'),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    trigger: text('trigger', { enum: SYNC_TRIGGERS }).notNull(),
    actorUserId: integer('actor_user_id'),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull(),
    phase: text('phase').notNull().default('queued'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    /** Why the run failed or stopped: code, message, provider errcode and explanation. */
    error: jsonb('error').$type<Record<string, unknown>>(),
    /** The admin's decisions (pairs, exclusions), kept so a confirmation can continue the run. */
    decisions: jsonb('decisions').$type<Record<string, unknown>>(),
    /** Generated initial passwords (SECRET_KEY-sealed JSON), handed out once then cleared. */
    secretsEnc: text('secrets_enc'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // One active run per tenant across every process sharing the database (works on PGlite too).
    uniqueIndex('sync_runs_one_active_uq')
      .on(t.tenantId)
      .where(sql`${t.status} = 'running'`),
    index('sync_runs_tenant_created_idx').on(t.tenantId, t.createdAt),
    foreignKey({
      name: 'sync_runs_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
  ],
);

/** Per-item outcome of a run. No names, mobiles or e-mails: ids, actions and reason codes only. */
export const syncRunItems = pgTable(
  'sync_run_items',
  {
    tenantId: integer('tenant_id').notNull(),
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    runId: integer('run_id').notNull(),
    kind: text('kind', { enum: ['department', 'member'] }).notNull(),
    action: text('action').notNull(),
    extId: text('ext_id').notNull(),
    /** Masked display label (e.g. 张*), never the full name. */
    label: text('label').notNull().default(''),
    userId: integer('user_id'),
    outcome: text('outcome', { enum: ['ok', 'failed', 'skipped'] }).notNull(),
    reason: text('reason').notNull(),
    providerCode: integer('provider_code'),
    message: text('message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sync_run_items_run_idx').on(t.tenantId, t.runId, t.outcome),
    foreignKey({
      name: 'sync_run_items_run_fk',
      columns: [t.runId],
      foreignColumns: [syncRuns.id],
    }).onDelete('cascade'),
  ],
);
