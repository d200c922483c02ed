import { intArray, recordset } from './sql-arrays';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { ThirdType } from '../../db/schema';
import { createBindingsWriter } from '../bindings/bindings.writer';
import { rowsOf } from '../../lib/sql';
import type { LeaveOp, MemberOp } from './planner';
import { EXT_SOURCE } from './sync-state.repo';
import { keepLastAdmin, recheckOwnership } from './write-guards';

export interface WriteContext {
  tenantId: number;
  thirdType: ThirdType;
  corpId: string;
  houseNumber: string;
  /** ext department id → local id (after the department phase). */
  deptIds: Map<string, number>;
  /** Who asked (the admin who applied, or the API caller); null for scheduled and callback runs. */
  actorUserId: number | null;
  runId: number;
  /** Initial credentials of accounts to create, by WeCom userid. */
  credentials: Map<
    string,
    { passwordHash: string | null; mustChangePassword: boolean; shown?: string }
  >;
}

async function createUsers(tx: Db, ctx: WriteContext, ops: MemberOp[]): Promise<number> {
  const creates = ops.filter((o) => o.kind === 'create');
  if (creates.length === 0) return 0;
  const rows = creates.map((o) => {
    const cred = ctx.credentials.get(o.ext.userId) ?? {
      passwordHash: null,
      mustChangePassword: false,
    };
    return {
      username: ctx.houseNumber + o.ext.userId,
      password_hash: cred.passwordHash,
      realname: o.ext.name || o.ext.userId,
      position: o.ext.position,
      must_change_password: cred.mustChangePassword,
    };
  });
  // A generated username already taken (an account made elsewhere before house numbers were
  // reserved) is never matched nor reused: that member gets no account, the others do.
  const inserted = rowsOf<{ id: number; username: string }>(
    await tx.execute(sql`insert into users (username, password_hash, realname, position, must_change_password)
      select username, password_hash, realname, position, must_change_password
      from ${recordset(rows, 'username text, password_hash text, realname text, position text, must_change_password boolean')}
      on conflict do nothing
      returning id, username`),
  );
  const byName = new Map(inserted.map((r) => [r.username.toLowerCase(), r.id]));
  for (const o of creates) {
    const key = (ctx.houseNumber + o.ext.userId).toLowerCase();
    o.userId = byName.get(key) ?? null;
    // Each new account goes to one member only (two userids differing by case share a name).
    byName.delete(key);
    if (o.userId === null) o.held = 'username_taken';
  }
  return inserted.length;
}

async function writeMemberships(tx: Db, ctx: WriteContext, ops: MemberOp[]): Promise<number> {
  const inserts = ops.filter((o) => o.membership?.create);
  const patches = ops.filter((o) => o.membership && !o.membership.create);
  if (inserts.length > 0) {
    const rows = inserts.map((o) => ({
      user_id: o.userId,
      status: o.membership!.status,
      frozen: o.membership!.frozen ?? false,
    }));
    await tx.execute(sql`insert into memberships (tenant_id, user_id, status, frozen)
      select ${ctx.tenantId}::int, user_id, status, frozen
      from ${recordset(rows, 'user_id int, status smallint, frozen boolean')}`);
  }
  if (patches.length > 0) {
    // WeCom disabled the member: frozen here, unless that leaves the tenant without an admin.
    const freezes = patches.filter((o) => o.membership!.frozen === true);
    const kept = await keepLastAdmin(
      tx,
      ctx.tenantId,
      freezes.map((o) => o.userId as number),
      (userId) => freezeMembership(tx, ctx.tenantId, userId),
    );
    for (const o of freezes.filter((x) => kept.has(x.userId as number))) {
      o.membership = { ...o.membership!, frozen: undefined };
      o.held = 'last_admin_kept';
    }
    // The tenant-scoped name/position of a shared account (never its global fields).
    const rows = patches.map((o) => ({
      user_id: o.userId,
      status: o.membership!.status ?? null,
      frozen: o.membership!.frozen ?? null,
      display_name: o.membership!.displayName ?? null,
      position: o.membership!.position ?? null,
    }));
    await tx.execute(sql`update memberships m set status = coalesce(v.status, m.status), frozen = coalesce(v.frozen, m.frozen),
        display_name = coalesce(v.display_name, m.display_name), position = coalesce(v.position, m.position), updated_at = now()
      from ${recordset(rows, 'user_id int, status smallint, frozen boolean, display_name text, position text')}
      where m.tenant_id = ${ctx.tenantId} and m.user_id = v.user_id`);
  }
  return inserts.length + patches.length;
}

async function freezeMembership(tx: Db, tenantId: number, userId: number) {
  await tx.execute(sql`update memberships set frozen = true, updated_at = now()
    where tenant_id = ${tenantId} and user_id = ${userId}`);
}

/** Global fields: the planner sets `user` only on the tenant's own accounts (policy/trust.ts). */
async function patchUsers(tx: Db, ops: MemberOp[]): Promise<number> {
  const patches = ops.filter((o) => o.user && o.kind !== 'create');
  if (patches.length === 0) return 0;
  const rows = patches.map((o) => ({
    id: o.userId,
    realname: o.user!.realname ?? null,
    set_position: 'position' in o.user!,
    position: o.user!.position ?? null,
  }));
  await tx.execute(sql`update users u set realname = coalesce(v.realname, u.realname),
      position = case when v.set_position then v.position else u.position end, updated_at = now()
    from ${recordset(rows, 'id int, realname text, set_position boolean, position text')} where u.id = v.id`);
  return patches.length;
}

/** Replaces each member's WeCom-owned department links; links to local-only departments stay. */
async function writeDepartmentLinks(tx: Db, ctx: WriteContext, ops: MemberOp[]): Promise<number> {
  const changes = ops.filter((o) => o.departments && o.userId !== null);
  if (changes.length === 0) return 0;
  // An account created in this transaction has no links yet: nothing to delete or demote.
  const existing = changes.filter((o) => o.kind !== 'create');
  if (existing.length > 0) {
    const userIds = existing.map((o) => o.userId as number);
    await tx.execute(sql`delete from user_departments ud using departments d
      where ud.tenant_id = ${ctx.tenantId} and ud.user_id = any(${intArray(userIds)})
        and d.tenant_id = ud.tenant_id and d.id = ud.department_id and d.ext_source = ${EXT_SOURCE}`);
    const withMain = existing
      .filter((o) => o.departments!.mainExtId !== null)
      .map((o) => o.userId as number);
    if (withMain.length > 0) {
      await tx.execute(sql`update user_departments set is_main = false
        where tenant_id = ${ctx.tenantId} and user_id = any(${intArray(withMain)}) and is_main`);
    }
  }
  const rows = changes.flatMap((o) =>
    o
      .departments!.extIds.map((ext) => ({
        user_id: o.userId,
        department_id: ctx.deptIds.get(ext),
        is_main: ext === o.departments!.mainExtId,
      }))
      .filter((x) => x.department_id !== undefined),
  );
  if (rows.length > 0) {
    await tx.execute(sql`insert into user_departments (tenant_id, user_id, department_id, is_main)
      select ${ctx.tenantId}::int, user_id, department_id, is_main
      from ${recordset(rows, 'user_id int, department_id int, is_main boolean')}`);
  }
  return changes.length;
}

async function writeBindings(tx: Db, ctx: WriteContext, ops: MemberOp[]): Promise<number> {
  const inserts = ops.filter((o) => o.binding?.create && o.userId !== null);
  const updates = ops.filter((o) => o.binding && !o.binding.create);
  const bindings = createBindingsWriter(tx);
  await bindings.insertBindings(
    ctx.tenantId,
    ctx,
    inserts.map((o) => ({
      extUserId: o.ext.userId,
      userId: o.userId as number,
      extName: o.binding!.extName,
      extData: o.binding!.extData,
    })),
  );
  // Paired by hand after 移出: the admin's decision replaces the marker.
  await bindings.clearUnpairedMany(
    ctx.tenantId,
    ctx,
    inserts.filter((o) => o.clearsUnpaired).map((o) => o.ext.userId),
  );
  await bindings.refreshBindings(
    ctx.tenantId,
    updates.map((o) => ({
      id: o.bindingId as number,
      extName: o.binding!.extName,
      extData: o.binding!.extData,
    })),
  );
  return inserts.length + updates.length;
}

/**
 * Link requests to the owners of accounts the tenant does not own (PRODUCT.md §7): nothing is
 * bound and no membership is created. One open request per member and per account (unique
 * partial indexes): a request already open is left as it is.
 */
async function writeLinkRequests(tx: Db, ctx: WriteContext, ops: MemberOp[]): Promise<number> {
  const links = ops.filter((o) => o.link && o.userId !== null);
  if (links.length === 0) return 0;
  const rows = links.map((o) => ({
    ext_user_id: o.ext.userId,
    user_id: o.userId,
    ext_name: o.link!.extName,
    ext_data: o.link!.extData,
  }));
  const inserted = rowsOf<{ id: number }>(
    await tx.execute(sql`insert into link_requests (tenant_id, third_type, corp_id, ext_user_id, ext_name, ext_data, user_id, status, requested_by, run_id)
      select ${ctx.tenantId}::int, ${ctx.thirdType}::text, ${ctx.corpId}::text, ext_user_id, ext_name, ext_data, user_id, 'pending', ${ctx.actorUserId}::int, ${ctx.runId}::int
      from ${recordset(rows, 'ext_user_id text, user_id int, ext_name text, ext_data jsonb')}
      on conflict do nothing
      returning id`),
  );
  await createBindingsWriter(tx).clearUnpairedMany(
    ctx.tenantId,
    ctx,
    links.filter((o) => o.clearsUnpaired).map((o) => o.ext.userId),
  );
  return inserted.length;
}

/** Withdraws pending link requests (their member left, or the admin paired it otherwise). */
export async function cancelLinkRequests(
  tx: Db,
  ctx: Pick<WriteContext, 'tenantId'>,
  requestIds: number[],
): Promise<number> {
  if (requestIds.length === 0) return 0;
  const rows = rowsOf<{ id: number }>(
    await tx.execute(sql`update link_requests set status = 'cancelled', decided_at = now()
      where tenant_id = ${ctx.tenantId} and id = any(${intArray(requestIds)}) and status = 'pending'
      returning id`),
  );
  return rows.length;
}

/**
 * One chunk of members in the caller's transaction: all of a member's rows or none. Ownership is
 * re-checked under lock first (write-guards.ts); answers the ops as written, `held` set where a
 * member was left out or kept.
 */
export async function writeMembers(
  tx: Db,
  ctx: WriteContext,
  planned: MemberOp[],
): Promise<{ writes: number; ops: MemberOp[] }> {
  // Copies: a rolled-back chunk is retried member by member with the ops as planned.
  const all = (await recheckOwnership(tx, ctx.tenantId, planned)).map((o) => ({ ...o }));
  let writes = await createUsers(tx, ctx, all);
  const ops = all.filter((o) => o.held !== 'username_taken');
  writes += await writeMemberships(tx, ctx, ops);
  writes += await patchUsers(tx, ops);
  writes += await writeDepartmentLinks(tx, ctx, ops);
  writes += await writeBindings(tx, ctx, ops);
  writes += await writeLinkRequests(tx, ctx, ops);
  return { writes, ops: all };
}

/**
 * Leavers: membership quit (离职), binding inactive (kept for history and for a return). The
 * tenant's last active admin is never quit (answered in `kept`); its binding still ends.
 */
export async function writeLeavers(
  tx: Db,
  ctx: WriteContext,
  ops: LeaveOp[],
): Promise<{ writes: number; kept: Set<number> }> {
  if (ops.length === 0) return { writes: 0, kept: new Set() };
  const kept = await keepLastAdmin(
    tx,
    ctx.tenantId,
    ops.filter((o) => o.setQuit).map((o) => o.userId),
    (userId) => quitMemberships(tx, ctx.tenantId, [userId]),
  );
  const quit = ops.filter((o) => o.setQuit && !kept.has(o.userId)).map((o) => o.userId);
  await quitMemberships(tx, ctx.tenantId, quit);
  const bindingIds = ops.map((o) => o.bindingId);
  await createBindingsWriter(tx).deactivateBindings(ctx.tenantId, bindingIds);
  return { writes: quit.length + bindingIds.length, kept };
}

async function quitMemberships(tx: Db, tenantId: number, quit: number[]) {
  if (quit.length === 0) return;
  await tx.execute(sql`update memberships set status = 2, updated_at = now()
    where tenant_id = ${tenantId} and user_id = any(${intArray(quit)}) and status <> 2`);
}
