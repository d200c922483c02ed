import { sql } from 'drizzle-orm';
import { integer, pgSequence, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** Tenants created after bootstrap get ids from 1000 up; the default tenant is id 0. */
export const tenantIdSeq = pgSequence('tenant_id_seq', { startWith: 1000, minValue: 1000 });

export const tenants = pgTable('tenants', {
  id: integer('id')
    .primaryKey()
    .default(sql`nextval('tenant_id_seq')`),
  name: text('name').notNull(),
  /** 门牌号: 6 upper-case alphanumerics, used to join and as prefix of synced usernames. */
  houseNumber: text('house_number').notNull().unique('tenants_house_number_uq'),
  /** 1 normal, 0 frozen. */
  status: smallint('status').notNull().default(1),
  /** The tenant's own host name (PRODUCT.md §8), lower-case; unique across tenants. */
  customDomain: text('custom_domain').unique('tenants_custom_domain_uq'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
