import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { memberships } from './memberships';
import { tenants } from './tenants';

export const departments = pgTable(
  'departments',
  {
    tenantId: integer('tenant_id').notNull(),
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    order: integer('sort_order').notNull().default(0),
    /** Connector that owns this department (e.g. 'wecom'); null for locally created ones. */
    extSource: text('ext_source'),
    /** The department id in the external directory. */
    extId: text('ext_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Target of the composite foreign keys below: a reference can never cross tenants.
    unique('departments_tenant_id_uq').on(t.tenantId, t.id),
    unique('departments_ext_uq').on(t.tenantId, t.extSource, t.extId),
    index('departments_tenant_parent_idx').on(t.tenantId, t.parentId),
    foreignKey({
      name: 'departments_tenant_fk',
      columns: [t.tenantId],
      foreignColumns: [tenants.id],
    }),
    foreignKey({
      name: 'departments_parent_fk',
      columns: [t.tenantId, t.parentId],
      foreignColumns: [t.tenantId, t.id],
    }),
  ],
);

/** Department membership of a tenant member; exactly one row per (tenant, user) is main. */
export const userDepartments = pgTable(
  'user_departments',
  {
    tenantId: integer('tenant_id').notNull(),
    userId: integer('user_id').notNull(),
    departmentId: integer('department_id').notNull(),
    isMain: boolean('is_main').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'user_departments_pk', columns: [t.tenantId, t.userId, t.departmentId] }),
    index('user_departments_dept_idx').on(t.tenantId, t.departmentId),
    uniqueIndex('user_departments_main_uq')
      .on(t.tenantId, t.userId)
      .where(sql`${t.isMain}`),
    foreignKey({
      name: 'user_departments_department_fk',
      columns: [t.tenantId, t.departmentId],
      foreignColumns: [departments.tenantId, departments.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'user_departments_membership_fk',
      columns: [t.tenantId, t.userId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete('cascade'),
  ],
);
