import { textArray } from './sql-arrays';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  departments,
  linkRequests,
  memberships,
  syncExclusions,
  syncUnpaired,
  tenants,
  thirdAccounts,
  userDepartments,
  users,
  type ThirdType,
} from '../../db/schema';
import { rowsOf } from '../../lib/sql';
import { standingColumns, standingOfRow } from '../policy/trust';
import { emailKey, mobileKey } from './normalise';
import type { ExtMember, LocalState, LocalUser, TenantSide } from './sync.types';

/** Connector id stored on mirrored departments (`departments.ext_source`). */
export const EXT_SOURCE = 'wecom';

interface UserRow {
  user_id: number;
  username: string;
  realname: string;
  phone: string | null;
  email: string | null;
  position: string | null;
  is_platform_admin: boolean;
  membership_status: number | null;
  active_elsewhere: boolean;
  frozen: boolean | null;
  display_name: string | null;
  membership_position: string | null;
}

const toLocalUser = (r: UserRow, depts?: { ids: number[]; main: number | null }): LocalUser => ({
  userId: r.user_id,
  username: r.username,
  realname: r.realname,
  phone: r.phone,
  email: r.email,
  position: r.position,
  ...standingOfRow(r),
  frozen: r.frozen ?? false,
  displayName: r.display_name,
  membershipPosition: r.membership_position,
  departmentIds: depts?.ids ?? [],
  mainDepartmentId: depts?.main ?? null,
});

/** Reads of the tenant's local state; tenant id first in every statement. */
export function createSyncStateRepo(db: Db) {
  async function memberDepartments(tenantId: number) {
    const rows = await db
      .select({
        userId: userDepartments.userId,
        departmentId: userDepartments.departmentId,
        isMain: userDepartments.isMain,
      })
      .from(userDepartments)
      .where(eq(userDepartments.tenantId, tenantId));
    const out = new Map<number, { ids: number[]; main: number | null }>();
    for (const r of rows) {
      const e = out.get(r.userId) ?? { ids: [], main: null };
      e.ids.push(r.departmentId);
      if (r.isMain) e.main = r.departmentId;
      out.set(r.userId, e);
    }
    return out;
  }

  /**
   * Accounts outside the tenant whose mobile or e-mail a WeCom member shares. Not the generated
   * username: another tenant's admin may name an account `<house number><userid>` (matcher.ts).
   */
  async function outsiders(tenantId: number, ext: ExtMember[]): Promise<LocalUser[]> {
    const mobiles = ext.map((m) => mobileKey(m.mobile)).filter(Boolean);
    const emails = ext.map((m) => emailKey(m.email)).filter(Boolean);
    // `in (select …)` is a hashed lookup per row; `= any(array)` would scan the whole array for
    // every user (10,000 members × 10,000 accounts = 10^8 comparisons on a re-sync).
    const result = await db.execute(sql`
      select u.id as user_id, u.username, u.realname, u.phone, u.email, u.position,
             ${standingColumns(tenantId)}, null::boolean as frozen,
             null::text as display_name, null::text as membership_position
      from ${users} u
      where ((u.phone is not null and u.phone in (select unnest(${textArray(mobiles)})))
             or (u.email is not null and lower(u.email) in (select unnest(${textArray(emails)}))))
        and not exists (select 1 from ${memberships} m where m.tenant_id = ${tenantId} and m.user_id = u.id)`);
    return rowsOf<UserRow>(result).map((r) => toLocalUser(r));
  }

  return {
    async houseNumber(tenantId: number): Promise<string> {
      const [row] = await db
        .select({ h: tenants.houseNumber })
        .from(tenants)
        .where(eq(tenants.id, tenantId));
      return row?.h ?? '';
    },

    /**
     * Everything of the local state that does not depend on WeCom's answer, so that it can load
     * while WeCom is still being read; `withOutsiders` completes it once the members are known.
     */
    async loadTenantSide(tenantId: number, thirdType: ThirdType): Promise<TenantSide> {
      const houseNumber = await this.houseNumber(tenantId);
      const depts = await db
        .select({
          id: departments.id,
          parentId: departments.parentId,
          name: departments.name,
          order: departments.order,
          extSource: departments.extSource,
          extId: departments.extId,
        })
        .from(departments)
        .where(eq(departments.tenantId, tenantId));
      const memberRows = rowsOf<UserRow>(
        await db.execute(sql`
          select u.id as user_id, u.username, u.realname, u.phone, u.email, u.position,
                 ${standingColumns(tenantId)}, m.frozen,
                 m.display_name, m.position as membership_position
          from ${memberships} m join ${users} u on u.id = m.user_id
          where m.tenant_id = ${tenantId}`),
      );
      const byUser = await memberDepartments(tenantId);
      const bindings = await db
        .select({
          id: thirdAccounts.id,
          corpId: thirdAccounts.corpId,
          userId: thirdAccounts.userId,
          extUserId: thirdAccounts.extUserId,
          extName: thirdAccounts.extName,
          active: thirdAccounts.active,
          extData: thirdAccounts.extData,
        })
        .from(thirdAccounts)
        .where(and(eq(thirdAccounts.tenantId, tenantId), eq(thirdAccounts.thirdType, thirdType)));
      const unpaired = await db
        .select({
          corpId: syncUnpaired.corpId,
          extUserId: syncUnpaired.extUserId,
          userId: syncUnpaired.userId,
        })
        .from(syncUnpaired)
        .where(and(eq(syncUnpaired.tenantId, tenantId), eq(syncUnpaired.thirdType, thirdType)));
      const exclusions = await db
        .select({
          corpId: syncExclusions.corpId,
          extUserId: syncExclusions.extUserId,
          extName: syncExclusions.extName,
        })
        .from(syncExclusions)
        .where(and(eq(syncExclusions.tenantId, tenantId), eq(syncExclusions.thirdType, thirdType)))
        .orderBy(syncExclusions.id);
      // The latest request per member decides: pending waits, refused is not asked again.
      const requests = rowsOf<{
        id: number;
        corp_id: string;
        ext_user_id: string;
        user_id: number;
        status: string;
      }>(
        await db.execute(sql`
          select distinct on (corp_id, lower(ext_user_id)) id, corp_id, ext_user_id, user_id, status
          from ${linkRequests}
          where tenant_id = ${tenantId} and third_type = ${thirdType}
            and status in ('pending', 'refused', 'cancelled', 'accepted')
          order by corp_id, lower(ext_user_id), id desc`),
      );
      return {
        houseNumber,
        linkRequests: requests
          .filter((r) => r.status === 'pending' || r.status === 'refused')
          .map((r) => ({
            id: r.id,
            corpId: r.corp_id,
            extUserId: r.ext_user_id,
            userId: r.user_id,
            status: r.status as 'pending' | 'refused',
          })),
        departments: depts.map((d) => ({
          id: d.id,
          parentId: d.parentId,
          name: d.name,
          order: d.order,
          extId: d.extSource === EXT_SOURCE ? d.extId : null,
        })),
        members: memberRows.map((r) => toLocalUser(r, byUser.get(r.user_id))),
        bindings,
        unpaired,
        exclusions,
      };
    },

    /** Adds the accounts outside the tenant that WeCom's members may match. */
    async withOutsiders(tenantId: number, side: TenantSide, ext: ExtMember[]): Promise<LocalState> {
      return { ...side, outsiders: await outsiders(tenantId, ext) };
    },

    async load(tenantId: number, thirdType: ThirdType, ext: ExtMember[]): Promise<LocalState> {
      return this.withOutsiders(tenantId, await this.loadTenantSide(tenantId, thirdType), ext);
    },

    /**
     * Fingerprint of everything a plan depends on. Any insert, delete or update of the tenant's
     * departments, memberships, member accounts, department links or bindings changes it.
     */
    async localVersion(tenantId: number): Promise<string> {
      const result = await db.execute(sql`
        select concat_ws('|',
          (select count(*) || ':' || coalesce(max(updated_at)::text, '') from ${departments} where tenant_id = ${tenantId}),
          (select count(*) || ':' || coalesce(max(updated_at)::text, '') from ${memberships} where tenant_id = ${tenantId}),
          (select count(*) || ':' || coalesce(max(u.updated_at)::text, '') from ${memberships} m join ${users} u on u.id = m.user_id where m.tenant_id = ${tenantId}),
          (select count(*) || ':' || coalesce(sum(hashtext(user_id || ':' || department_id || ':' || is_main::text)), 0) from ${userDepartments} where tenant_id = ${tenantId}),
          (select count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(hashtext(id || ':' || active::text)), 0) from ${thirdAccounts} where tenant_id = ${tenantId})
        ) as v`);
      return rowsOf<{ v: string }>(result)[0]?.v ?? '';
    },
  };
}
export type SyncStateRepo = ReturnType<typeof createSyncStateRepo>;
