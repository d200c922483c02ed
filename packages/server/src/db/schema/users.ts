import { sql } from 'drizzle-orm';
import {
  boolean,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** Global accounts; tenant-specific state lives in memberships. */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    username: text('username').notNull(),
    /** `scrypt$N$r$p$salt$hash`; null = no password login (e.g. WeCom-only accounts). */
    passwordHash: text('password_hash'),
    realname: text('realname').notNull(),
    phone: text('phone'),
    email: text('email'),
    avatar: text('avatar'),
    position: text('position'),
    /** 1 normal, 2 frozen (platform-wide). */
    status: smallint('status').notNull().default(1),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Usernames are unique regardless of case so "Admin" cannot shadow "admin".
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`)],
);
