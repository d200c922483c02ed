/**
 * What a run writes for one WeCom member, decided by the trust model (policy/trust.ts, PRODUCT.md
 * §7): only the tenant's own accounts get global fields written or a binding without consent;
 * a shared account keeps WeCom's name and position on its membership; any other account gets a
 * link request its owner decides on; a platform administrator is never touched.
 */
import { CONSENTED_KEY } from '../bindings/bindings.writer';
import { ownershipOf, tenantMay, type Standing } from '../policy/trust';
import type { ExtMember, LocalBinding, LocalUser } from './sync.types';

const NORMAL = 1;
const QUIT = 2;
const PENDING = 3;

export interface MemberOp {
  ext: ExtMember;
  /** `link`: a link request to the account's owner; nothing else is written for the member. */
  kind: 'create' | 'bind' | 'update' | 'link';
  userId: number | null;
  bindingId: number | null;
  /** Global fields of the account: only ever set for the tenant's own accounts. */
  user?: { realname?: string; position?: string | null };
  /**
   * `create` = insert a membership; otherwise a patch of the existing one. `displayName` and
   * `position` are the tenant-scoped name/position of a shared account.
   */
  membership?: {
    create: boolean;
    status?: number;
    /** `status` restores a membership the sync itself ended (quit, binding inactive). */
    restore?: boolean;
    frozen?: boolean;
    displayName?: string;
    position?: string;
  };
  departments?: { extIds: string[]; mainExtId: string | null };
  /** WeCom-owned fields kept on the binding (leader flags, status…); written on create/update. */
  binding?: { create: boolean; extName: string; extData: Record<string, unknown> };
  /** The link request to write (kind `link`); `outsider`: the account has no membership here. */
  link?: { extName: string; extData: Record<string, unknown>; outsider: boolean };
  /** An admin paired a member unbound by 移出: the write deletes its marker. */
  clearsUnpaired?: boolean;
  /**
   * Set by the writer when part of the op was refused at write time: `username_taken` = the
   * generated username belongs to an account outside the tenant, nothing was written;
   * `last_admin_kept` = the freeze of the tenant's last active admin was left out.
   */
  held?: 'username_taken' | 'last_admin_kept';
}

export interface OpsContext {
  extDeptIds: Set<string>;
  extIdOfLocal: Map<number, string | null>;
}

export function extDataOf(m: ExtMember): Record<string, unknown> {
  return {
    status: m.status,
    leaderOf: [...m.leaderOf].sort(),
    mainDepartmentId: m.mainDepartmentId,
    position: m.position,
  };
}

// What a member consented to share at sign-in (snsapi_privateinfo, third-login) is kept on the
// binding under CONSENTED_KEY, never written nor compared by sync (refreshBindings carries it over).

/** The sync-owned part of a binding's ext_data: everything but the consented fields. */
export function syncedPart(
  extData: Record<string, unknown> | null,
): Record<string, unknown> | null {
  if (!extData || !(CONSENTED_KEY in extData)) return extData;
  const { [CONSENTED_KEY]: _consented, ...rest } = extData;
  return rest;
}

/** Key-order-insensitive: jsonb hands objects back with its own key order. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}
export const sameJson = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

export function departmentChange(m: ExtMember, u: LocalUser | null, ctx: OpsContext) {
  const extIds = [...new Set(m.departmentIds.filter((id) => ctx.extDeptIds.has(id)))].sort();
  const mainExtId =
    extIds.length === 0
      ? null
      : m.mainDepartmentId && extIds.includes(m.mainDepartmentId)
        ? m.mainDepartmentId
        : extIds[0]!;
  if (u) {
    const current = u.departmentIds
      .map((id) => ctx.extIdOfLocal.get(id))
      .filter((x): x is string => !!x);
    const currentMain =
      u.mainDepartmentId === null ? null : (ctx.extIdOfLocal.get(u.mainDepartmentId) ?? null);
    if (sameJson([...new Set(current)].sort(), extIds) && currentMain === mainExtId)
      return undefined;
  } else if (extIds.length === 0) return undefined;
  return { extIds, mainExtId };
}

/** Global fields WeCom owns on an account: written only when the account is the tenant's own. */
function fieldPatch(m: ExtMember, u: LocalUser) {
  const patch: MemberOp['user'] = {};
  if (m.name && u.realname !== m.name) patch.realname = m.name;
  if ((u.position ?? null) !== (m.position ?? null)) patch.position = m.position;
  return Object.keys(patch).length ? patch : undefined;
}

/**
 * The tenant-scoped name and position of a shared account: what the directory says, kept on the
 * membership. Null there means "the account's own"; an empty position means "none here".
 */
function scopedPatch(m: ExtMember, u: LocalUser) {
  const patch: { displayName?: string; position?: string } = {};
  if (m.name && (u.displayName ?? u.realname) !== m.name) patch.displayName = m.name;
  if (((u.membershipPosition ?? u.position) || null) !== (m.position || null))
    patch.position = m.position ?? '';
  return Object.keys(patch).length ? patch : undefined;
}

/**
 * A bound member: membership, fields and departments as far as the tenant may change them.
 * `endedBySync`: the binding is inactive and no person unbound it (no 移出 marker), i.e. the
 * sync itself marked the member left (writeLeavers ends membership and binding together); only
 * such a quit membership is restored when the member is back in WeCom.
 */
export function boundOp(
  m: ExtMember,
  b: LocalBinding,
  u: LocalUser,
  ctx: OpsContext,
  endedBySync: boolean,
): MemberOp | null {
  // The member quit by themselves (or was unbound by a person): not the tenant's to take back
  // or edit (PRODUCT.md §7). Nothing is written, not even the binding, which would revive it.
  if (u.membershipStatus === QUIT && !endedBySync) return null;
  const op: MemberOp = { ext: m, kind: 'update', userId: u.userId, bindingId: b.id };
  const extData = extDataOf(m);
  if (!b.active || b.extName !== m.name || !sameJson(syncedPart(b.extData), extData)) {
    op.binding = { create: false, extName: m.name, extData };
  }
  // A binding of a platform administrator (made before this rule) moves nothing of the account.
  if (ownershipOf(u) === 'platform_admin') return op.binding ? op : null;
  const status = u.membershipStatus === QUIT ? NORMAL : (u.membershipStatus ?? PENDING);
  const frozen = m.status === 'disabled';
  // Restoring a membership the sync ended gives it back the standing it had: active here.
  const standing = { ...u, membershipStatus: status };
  const scoped = tenantMay('edit_account', standing)
    ? undefined
    : tenantMay('manage_membership', standing)
      ? scopedPatch(m, u)
      : undefined;
  if (status !== u.membershipStatus || frozen !== u.frozen || scoped) {
    op.membership = {
      create: false,
      ...(status !== u.membershipStatus || frozen !== u.frozen ? { status, frozen } : {}),
      ...(status !== u.membershipStatus ? { restore: true } : {}),
      ...scoped,
    };
  }
  if (tenantMay('edit_account', standing)) op.user = fieldPatch(m, u);
  op.departments = departmentChange(m, u, ctx);
  return op.membership || op.user || op.departments || op.binding ? op : null;
}

/** An unbound member paired with the tenant's own account: bind and update it. */
export function ownPairOp(m: ExtMember, u: LocalUser, ctx: OpsContext): MemberOp {
  const frozen = m.status === 'disabled';
  return {
    ext: m,
    kind: 'bind',
    userId: u.userId,
    bindingId: null,
    binding: { create: true, extName: m.name, extData: extDataOf(m) },
    membership: frozen !== u.frozen ? { create: false, frozen } : undefined,
    user: fieldPatch(m, u),
    departments: departmentChange(m, u, ctx),
  };
}

/** An unbound member paired with an account the tenant does not own: ask its owner. */
export function linkOp(m: ExtMember, u: Pick<LocalUser, 'userId' | 'membershipStatus'>): MemberOp {
  return {
    ext: m,
    kind: 'link',
    userId: u.userId,
    bindingId: null,
    link: { extName: m.name, extData: extDataOf(m), outsider: u.membershipStatus === null },
  };
}

/** The op for an unbound member paired with `u`, or null when the tenant may not pair it at all. */
export function pairedOp(m: ExtMember, u: LocalUser, ctx: OpsContext): MemberOp | null {
  if (tenantMay('edit_account', u)) return ownPairOp(m, u, ctx);
  if (tenantMay('request_link', u)) return linkOp(m, u);
  return null;
}

/** What a chunk re-reads under lock: the account's standing when the write happens. */
export interface WriteStanding extends Standing {
  userId: number;
}

/**
 * The op as the trust model allows it now (PRODUCT.md §7): ownership is decided when the sync
 * writes, not when it read WeCom — an own account may have become shared meanwhile (a tenant
 * approved it), or left. A direct bind of an account no longer `own` becomes a link request;
 * a global-field patch becomes the tenant-scoped name/position on the membership; a platform
 * administrator gets nothing. Null = nothing to write for this member.
 */
export function downgrade(op: MemberOp, now: WriteStanding | undefined): MemberOp | null {
  if (op.kind === 'create' || op.kind === 'link' || !now) return op;
  const { op: base, standing: s } = settleStatus(op, now);
  const o = ownershipOf(s);
  if (o === 'own') return base;
  if (op.kind === 'bind') {
    if (!tenantMay('request_link', s)) return null;
    const link = linkOp(op.ext, s);
    return op.clearsUnpaired ? { ...link, clearsUnpaired: true } : link;
  }
  // Gone from the tenant meanwhile, or a platform administrator: nothing of it is the tenant's.
  if (o === 'platform_admin' || o === 'outsider') return null;
  if (!base.user) return base;
  const { user, ...next } = base;
  if (tenantMay('manage_membership', s)) {
    next.membership = {
      create: false,
      ...base.membership,
      ...(user.realname !== undefined ? { displayName: user.realname } : {}),
      ...('position' in user ? { position: user.position ?? '' } : {}),
    };
  }
  return next.membership || next.departments || next.binding ? next : null;
}

/**
 * The membership status an op may write, given the status now: it restores only the quit
 * membership the plan saw (judged as restored, like the plan did), and never overwrites a
 * status changed since the plan (e.g. the member quit meanwhile).
 */
function settleStatus(op: MemberOp, now: WriteStanding): { op: MemberOp; standing: WriteStanding } {
  const m = op.membership;
  if (m?.status === undefined || m.create) return { op, standing: now };
  const planned = m.restore ? QUIT : m.status;
  if (now.membershipStatus !== planned) {
    const { status: _status, restore: _restore, ...rest } = m;
    return { op: { ...op, membership: rest }, standing: now };
  }
  return { op, standing: { ...now, membershipStatus: m.status } };
}
