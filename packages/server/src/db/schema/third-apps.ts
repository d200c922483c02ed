import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { memberships } from './memberships';
import { tenants } from './tenants';

/**
 * Third-party platforms a tenant can connect; the API spells them like the anchor system. A value
 * here needs a connector in `connectors/registry.ts` before it can be configured (400 otherwise).
 * `feishu` comes with issue 20.
 */
export const THIRD_TYPES = ['wechat_enterprise', 'dingtalk', 'feishu'] as const;
export type ThirdType = (typeof THIRD_TYPES)[number];

/** Per-tenant policy for directory sync and sign-in; stored as JSON so new knobs need no migration. */
export interface SyncPolicy {
  /**
   * Initial password of accounts created by sync. New connections default to `wecom-only`
   * (PRODUCT.md §7); a connection stored without the key keeps the seed's `same-as-username`.
   */
  initialPassword: 'same-as-username' | 'random' | 'wecom-only';
  /** Share of bound members a run may mark as left before it stops for confirmation (0..1). */
  massChangeThreshold: number;
  /** Cron expression for scheduled sync, or null. */
  schedule: string | null;
  /** What happens when an unbound WeCom member signs in. */
  unboundLogin: 'refuse' | 'link' | 'create';
  /**
   * Send the tenant's WeCom-bound admins an interactive card (同意 / 拒绝) when someone becomes
   * pending (审核中), PRODUCT.md §8.
   */
  approvalCards: boolean;
  /**
   * In-app sign-in scope: `base` = snsapi_base (silent, userid only); `privateinfo` =
   * snsapi_privateinfo (the member confirms once; the mobile/email they consent to are kept on
   * their binding under `ext_data.consented`). QR/web login is always snsapi_base.
   */
  signInScope: 'base' | 'privateinfo';
}

export const DEFAULT_SYNC_POLICY: SyncPolicy = {
  initialPassword: 'wecom-only',
  massChangeThreshold: 0.2,
  schedule: null,
  unboundLogin: 'refuse',
  approvalCards: true,
  signInScope: 'base',
};

/**
 * One connection per (tenant, third type). The provider's settings (ids, secrets, callback keys)
 * are one JSON object sealed with `SECRET_KEY` (lib/secrets.ts) in `settings_enc`, validated by the
 * connector's `settingsSchema` (decision 0008); they never leave the server in clear.
 */
export const thirdAppConfigs = pgTable(
  'third_app_configs',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    /**
     * The sealed JSON of the connector's settings. Null only on a row stored before migration 0018
     * until the start seals it from the legacy columns below (third-app-config.legacy.ts).
     */
    settingsEnc: text('settings_enc'),
    /** The connector's `accountKey(settings)` (WeCom CorpID, DingTalk corpId): one tenant each. */
    accountKey: text('account_key').notNull(),
    /*
     * Legacy WeCom columns (before migration 0018). Read once at start to seal `settings_enc`,
     * then cleared; nothing else reads them. A later migration drops them.
     */
    legacyAgentId: integer('agent_id'),
    legacyClientId: text('client_id'),
    legacyClientSecretEnc: text('client_secret_enc'),
    legacyContactSecretEnc: text('contact_secret_enc'),
    legacyCallbackTokenEnc: text('callback_token_enc'),
    legacyEncodingAesKeyEnc: text('encoding_aes_key_enc'),
    enabled: boolean('enabled').notNull().default(true),
    /** `http://[user:pass@]host:port` the connection's server-API calls go through, sealed. */
    egressProxyEnc: text('egress_proxy_enc'),
    /** The caller address WeCom last named (`from ip: …`), and when it was seen (PRODUCT.md §8). */
    egressIp: text('egress_ip'),
    egressIpSeenAt: timestamp('egress_ip_seen_at', { withTimezone: true }),
    /** The last 60020 (address not trusted): `{ ip, api, at }`, shown on the integration page. */
    trustedIpAlert: jsonb('trusted_ip_alert').$type<{
      ip: string | null;
      api: string;
      at: string;
    }>(),
    syncPolicy: jsonb('sync_policy').$type<SyncPolicy>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('third_app_configs_tenant_type_uq').on(t.tenantId, t.thirdType),
    // A provider account (WeCom CorpID…) belongs to one tenant only ("AppKey重复" otherwise).
    unique('third_app_configs_account_key_uq').on(t.thirdType, t.accountKey),
    foreignKey({
      name: 'third_app_configs_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
  ],
);

/**
 * Binding (third account): an external member of a tenant's connected corp ↔ a system user.
 * WeCom userids are case-insensitive, so uniqueness is on the lower-cased id.
 */
export const thirdAccounts = pgTable(
  'third_accounts',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    corpId: text('corp_id').notNull(),
    extUserId: text('ext_user_id').notNull(),
    userId: integer('user_id').notNull(),
    extName: text('ext_name').notNull().default(''),
    /** False after the member left the corp or the config was removed; kept for history. */
    active: boolean('active').notNull().default(true),
    /** WeCom-owned fields last applied (position, department ids, status…), for change detection. */
    extData: jsonb('ext_data').$type<Record<string, unknown>>(),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('third_accounts_ext_uq').on(
      t.tenantId,
      t.thirdType,
      t.corpId,
      sql`lower(${t.extUserId})`,
    ),
    unique('third_accounts_user_uq').on(t.tenantId, t.thirdType, t.userId),
    index('third_accounts_tenant_bound_idx').on(t.tenantId, t.boundAt),
    foreignKey({
      name: 'third_accounts_membership_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete('cascade'),
  ],
);

/**
 * Provider access tokens shared by every OrgBridge process (one per secret), encrypted at rest.
 * Key = tokenKey(corpId, secret): no tenant, because a corp's token is the same for whoever asks.
 */
export const connectorTokens = pgTable('connector_tokens', {
  key: text('key').primaryKey(),
  tokenEnc: text('token_enc').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 移出 markers: a WeCom member an admin unbound (PRODUCT.md §5.3). Every sync — manual, scheduled
 * or callback — leaves the member unbound (no pairing, no account creation) and reports it as
 * unpaired, until an admin pairs it by hand in the sync dialog, which deletes the marker.
 * WeCom userids are case-insensitive, so uniqueness is on the lower-cased id, as for bindings.
 */
export const syncUnpaired = pgTable(
  'sync_unpaired',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    corpId: text('corp_id').notNull(),
    extUserId: text('ext_user_id').notNull(),
    /** The account the member was bound to when it was unbound (a record; may have changed since). */
    userId: integer('user_id').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sync_unpaired_ext_uq').on(
      t.tenantId,
      t.thirdType,
      t.corpId,
      sql`lower(${t.extUserId})`,
    ),
    foreignKey({
      name: 'sync_unpaired_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
  ],
);

/**
 * 排除 (left out): a WeCom member the admin decided not to sync. Every run — manual, scheduled,
 * API or callback — neither creates an account for it nor pairs or binds it, and the preview
 * lists it, until an admin lifts the exclusion (apply `include`, or a hand-picked account).
 * Keyed like bindings: tenant, provider, corp and the lower-cased external id.
 */
export const syncExclusions = pgTable(
  'sync_exclusions',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    thirdType: text('third_type', { enum: THIRD_TYPES }).notNull(),
    corpId: text('corp_id').notNull(),
    extUserId: text('ext_user_id').notNull(),
    /** The member's name when it was left out, to list it even after it left WeCom. */
    extName: text('ext_name').notNull().default(''),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sync_exclusions_ext_uq').on(
      t.tenantId,
      t.thirdType,
      t.corpId,
      sql`lower(${t.extUserId})`,
    ),
    foreignKey({
      name: 'sync_exclusions_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
  ],
);
