import { foreignKey, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';
import { users } from './users';

/** What an API key may do (PRODUCT.md §11); nothing else is reachable with a key. */
export const API_KEY_PERMISSIONS = [
  'messages:send',
  'messages:read',
  'directory:read',
  'sync:run',
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/**
 * Keys integrators send as `X-Access-Token`, one tenant each. Only the key's sha256 is stored; the
 * prefix (also part of the key) names it in lists, logs and the audit trail.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull().unique('api_keys_prefix_uq'),
    keyHash: text('key_hash').notNull().unique('api_keys_key_hash_uq'),
    permissions: text('permissions').array().notNull().$type<ApiKeyPermission[]>(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Written at a coarse grain (not on every call), so use does not churn the row. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('api_keys_tenant_idx').on(t.tenantId),
    foreignKey({
      name: 'api_keys_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }).onDelete('cascade'),
  ],
);
