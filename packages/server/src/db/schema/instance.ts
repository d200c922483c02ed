import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Facts about the installation itself, one row per key. `secret_key_check` holds a value sealed
 * with SECRET_KEY at first start, so a process started with another key is refused before it can
 * answer requests or take scheduled jobs (PRODUCT.md §10).
 */
export const instanceSettings = pgTable('instance_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
