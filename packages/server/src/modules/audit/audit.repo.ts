import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiKeys, auditLog, memberships, tenants, users } from '../../db/schema';
import { likePattern, offsetOf, rowsOf } from '../../lib/sql';
import type { AuditAction } from './actions';

/**
 * Which entries a reader may see: `tenantIds` null = every tenant (and platform-level entries),
 * else those tenants only. `revealOutsiders` false hides who acted when the actor is no member of
 * the entry's tenant and no platform administrator (an account's owner refusing a link request:
 * PRODUCT.md §7 keeps accounts outside the tenant unnamed).
 */
export interface AuditScope {
  tenantIds: number[] | null;
  revealOutsiders: boolean;
}

export interface AuditFilter {
  action?: AuditAction | undefined;
  actorId?: number | undefined;
  actorApiKeyId?: number | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface AuditRow {
  id: number;
  created_at: string | Date;
  /** created_at as PostgreSQL prints it (microseconds kept): the export's keyset cursor. */
  cursor_ts: string;
  tenant_id: number | null;
  tenant_name: string | null;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_realname: string | null;
  actor_api_key_id: number | null;
  key_name: string | null;
  key_prefix: string | null;
  actor_visible: boolean;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown> | string | null;
  ip: string | null;
}

/** The conditions of a read: the scope first, then the reader's filters. */
function conditionsOf(scope: AuditScope, f: AuditFilter): SQL[] {
  const visible = visibleActor(scope);
  const conds: SQL[] = [];
  if (scope.tenantIds !== null) {
    // An empty list matches nothing (never "all").
    conds.push(sql`a.tenant_id = any(${sql.param(scope.tenantIds)}::int[])`);
  }
  if (f.action) conds.push(sql`a.action = ${f.action}`);
  if (f.actorId !== undefined) conds.push(sql`a.actor_user_id = ${f.actorId} and ${visible}`);
  if (f.actorApiKeyId !== undefined) conds.push(sql`a.actor_api_key_id = ${f.actorApiKeyId}`);
  if (f.actor) {
    const p = likePattern(f.actor);
    conds.push(sql`((${visible} and (u.username ilike ${p} or u.realname ilike ${p}))
      or k.name ilike ${p} or k.prefix ilike ${p})`);
  }
  if (f.from) conds.push(sql`a.created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) conds.push(sql`a.created_at < ${f.to.toISOString()}::timestamptz`);
  return conds;
}

const whereOf = (conds: SQL[]): SQL =>
  conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;

/** Whether the reader may know who acted (see AuditScope). */
function visibleActor(scope: AuditScope): SQL {
  if (scope.revealOutsiders) return sql`true`;
  return sql`(a.actor_user_id is null or u.is_platform_admin or exists (
    select 1 from ${memberships} m where m.tenant_id = a.tenant_id and m.user_id = a.actor_user_id))`;
}

function selectOf(scope: AuditScope): SQL {
  return sql`
    select a.id, a.created_at, a.created_at::text as cursor_ts, a.tenant_id,
      t.name as tenant_name, a.actor_user_id, u.username as actor_username,
      u.realname as actor_realname, a.actor_api_key_id, k.name as key_name,
      k.prefix as key_prefix, ${visibleActor(scope)} as actor_visible, a.action, a.target_type,
      a.target_id, a.details, a.ip
    from ${auditLog} a
    left join ${tenants} t on t.id = a.tenant_id
    left join ${users} u on u.id = a.actor_user_id
    left join ${apiKeys} k on k.id = a.actor_api_key_id and k.tenant_id = a.tenant_id`;
}

const FROM_JOINS = sql`
    from ${auditLog} a
    left join ${users} u on u.id = a.actor_user_id
    left join ${apiKeys} k on k.id = a.actor_api_key_id and k.tenant_id = a.tenant_id`;

/**
 * Reads of the audit trail. Entries are written by audit.recorder.ts, the one file other modules
 * use (docs/decisions/0007-module-boundaries.md).
 */
export function createAuditRepo(db: Db) {
  return {
    /** One page, newest first (created_at desc, id desc), with the total. */
    async list(scope: AuditScope, f: AuditFilter, page: number, pageSize: number) {
      const where = whereOf(conditionsOf(scope, f));
      const [rows, count] = await Promise.all([
        db.execute(sql`${selectOf(scope)} ${where}
          order by a.created_at desc, a.id desc
          limit ${pageSize} offset ${offsetOf(page, pageSize)}`),
        db.execute(sql`select count(*)::int as n ${FROM_JOINS} ${where}`),
      ]);
      return {
        records: rowsOf<AuditRow>(rows),
        total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
      };
    },

    /**
     * The next `limit` entries after `after` in the same order (keyset: no offset to skip, no
     * entry twice or missed when new ones arrive meanwhile; they are newer than the first page).
     */
    async slice(
      scope: AuditScope,
      f: AuditFilter,
      after: { ts: string; id: number } | null,
      limit: number,
    ) {
      const conds = conditionsOf(scope, f);
      if (after) conds.push(sql`(a.created_at, a.id) < (${after.ts}::timestamptz, ${after.id})`);
      const rows = await db.execute(sql`${selectOf(scope)} ${whereOf(conds)}
        order by a.created_at desc, a.id desc limit ${limit}`);
      return rowsOf<AuditRow>(rows);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
