import { foreignKey, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from './tenants';

/**
 * Domain verification files a platform asks to be served at `/<fileName>` (WeCom's
 * `WW_verify_….txt`), per tenant. Served on the tenant's own host and on PUBLIC_URL's shared host,
 * so a name is unique across tenants.
 */
export const verifyFiles = pgTable(
  'verify_files',
  {
    fileName: text('file_name').primaryKey(),
    tenantId: integer('tenant_id').notNull(),
    content: text('content').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('verify_files_tenant_idx').on(t.tenantId),
    foreignKey({
      name: 'verify_files_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }).onDelete('cascade'),
  ],
);
