import { maskMobile } from '../../lib/mask';
import { ownershipOf } from '../policy/trust';
import { emailKey, idKey, mobileKey, nameKey } from './normalise';
import type {
  CorpState,
  ExtMember,
  LocalState,
  LocalUser,
  PlanPair,
  UnmatchedLocal,
} from './sync.types';

export interface MatchResult {
  pairs: PlanPair[];
  unmatchedLocal: UnmatchedLocal[];
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * A proposal. The row keeps the account's id for the planner; the plan view blanks every
 * identifier of an `outsider` before an admin sees it. `awaitingOwner`: the account is not the
 * tenant's own, so applying asks its owner instead of binding.
 */
function pairOf(m: ExtMember, u: LocalUser | null, match: PlanPair['match']): PlanPair {
  const waits = u !== null && match !== 'bound' && ownershipOf(u) !== 'own';
  return {
    wechatUserId: m.userId,
    wechatName: m.name,
    wechatDepartmentIds: m.departmentIds,
    wechatStatus: m.status,
    wechatPosition: m.position || null,
    wechatMobile: m.mobile ? maskMobile(m.mobile) : null,
    userId: u?.userId ?? null,
    username: u?.username ?? null,
    realname: u?.realname ?? null,
    match,
    ambiguous: false,
    ...(u && u.membershipStatus === null ? { outsider: true } : {}),
    ...(waits ? { awaitingOwner: true } : {}),
  };
}

/** Never proposed, matched or listed: a platform administrator is no tenant's to pair (§7). */
const pairable = (u: LocalUser) => ownershipOf(u) !== 'platform_admin';

/**
 * Proposes a system account for every WeCom member, strongest signal first: existing binding →
 * open link request →
 * generated username (houseNumber + userid, case-insensitive; members of the tenant only) →
 * mobile → e-mail (only when WeCom
 * discloses them) → normalised real name. A signal shared by two candidates on either side makes
 * the row `ambiguous` and it is never paired automatically. Members who left WeCom and were never
 * bound are not proposed at all. Members an admin unbound (移出) or left out (排除), or whose
 * account's owner refused the link request, are listed with no proposal and take no part in
 * matching. Platform
 * administrators take no part at all; candidates name members of this tenant only.
 */
export function matchMembers(
  members: ExtMember[],
  local: LocalState,
  corp: CorpState,
): MatchResult {
  const bindingByExt = new Map(corp.bindings.map((b) => [idKey(b.extUserId), b]));
  const byId = new Map([...local.members, ...local.outsiders].map((u) => [u.userId, u]));
  const everyone = [...byId.values()].filter(pairable);
  // A user with any binding of this tenant (even another corp's, even inactive) cannot get a
  // second one, nor one with an open link request.
  const taken = new Set([
    ...local.bindings.map((b) => b.userId),
    ...local.linkRequests.filter((r) => r.status === 'pending').map((r) => r.userId),
  ]);
  const rows = new Map<string, PlanPair>();
  const pending: ExtMember[] = [];

  for (const m of members) {
    const key = idKey(m.userId);
    const b = bindingByExt.get(key);
    const request = corp.pending.get(key);
    if (b) rows.set(m.userId, pairOf(m, byId.get(b.userId) ?? null, 'bound'));
    else if (m.status === 'left') continue;
    else if (request) {
      const u = byId.get(request.userId) ?? null;
      rows.set(m.userId, {
        ...pairOf(m, u, 'requested'),
        userId: request.userId,
        ...(u && u.membershipStatus !== null ? {} : { outsider: true }),
        awaitingOwner: true,
      });
    } else if (corp.excluded.has(key))
      rows.set(m.userId, { ...pairOf(m, null, 'none'), excluded: true });
    else if (corp.unpaired.has(key))
      rows.set(m.userId, { ...pairOf(m, null, 'none'), unpaired: true });
    else if (corp.refused.has(key))
      rows.set(m.userId, { ...pairOf(m, null, 'none'), ownerRefused: true });
    else pending.push(m);
  }
  const inTenant = (id: number) => (byId.get(id)?.membershipStatus ?? null) !== null;

  const claim = (m: ExtMember, u: LocalUser, kind: PlanPair['match']) => {
    rows.set(m.userId, pairOf(m, u, kind));
    taken.add(u.userId);
  };
  const free = (u: LocalUser) => !taken.has(u.userId);

  // The generated username proves nothing about an account outside the tenant: anyone could
  // have taken `<house number><userid>` elsewhere first. Only the tenant's members (any status)
  // are matched on it; mobile and e-mail still find outsiders, whose owner must then consent.
  const byUsername = new Map(
    everyone.filter((u) => u.membershipStatus !== null).map((u) => [u.username.toLowerCase(), u]),
  );
  let rest: ExtMember[] = [];
  for (const m of pending) {
    const u = byUsername.get((local.houseNumber + m.userId).toLowerCase());
    if (u && free(u)) claim(m, u, 'username');
    else rest.push(m);
  }

  const keyed: [
    PlanPair['match'],
    (x: { mobile?: string | null; phone?: string | null; email?: string | null }) => string,
  ][] = [
    ['mobile', (x) => mobileKey(x.mobile ?? x.phone)],
    ['email', (x) => emailKey(x.email)],
  ];
  const ambiguous = new Map<string, number[]>();
  for (const [kind, key] of keyed) {
    const localIdx = groupBy(everyone.filter(free), (u) => key({ phone: u.phone, email: u.email }));
    const extIdx = groupBy(rest, (m) => key(m));
    const next: ExtMember[] = [];
    for (const m of rest) {
      const k = key(m);
      const cands = k ? (localIdx.get(k) ?? []).filter(free) : [];
      if (cands.length === 1 && extIdx.get(k)?.length === 1) claim(m, cands[0]!, kind);
      else {
        if (cands.length > 0)
          ambiguous.set(
            m.userId,
            cands.map((c) => c.userId),
          );
        next.push(m);
      }
    }
    rest = next;
  }

  const active = local.members.filter((u) => u.membershipStatus === 1 && pairable(u) && free(u));
  const localByName = groupBy(active, (u) => nameKey(u.realname));
  const extByName = groupBy(rest, (m) => nameKey(m.name));
  for (const m of rest) {
    const k = nameKey(m.name);
    const cands = localByName.get(k) ?? [];
    if (cands.length === 1 && extByName.get(k)?.length === 1 && !ambiguous.has(m.userId)) {
      claim(m, cands[0]!, 'name');
      continue;
    }
    const row = pairOf(m, null, 'none');
    // Accounts outside the tenant make a row ambiguous but are never named to the admin.
    const all = [...new Set([...(ambiguous.get(m.userId) ?? []), ...cands.map((c) => c.userId)])];
    const ids = all.filter(inTenant);
    if (ids.length > 0) row.candidates = ids;
    // Namesakes on the WeCom side are flagged even with no local candidate: the admin should
    // see that two accounts with one name are about to be created.
    if (all.length > 0 || (k !== '' && (extByName.get(k)?.length ?? 0) > 1)) row.ambiguous = true;
    rows.set(m.userId, row);
  }

  const ambiguousLocal = new Set([...rows.values()].flatMap((r) => r.candidates ?? []));
  const unmatchedLocal = active.filter(free).map((u) => ({
    userId: u.userId,
    username: u.username,
    realname: u.realname,
    ambiguous:
      ambiguousLocal.has(u.userId) || (localByName.get(nameKey(u.realname))?.length ?? 0) > 1,
  }));
  // Keep the WeCom order (department walk) for a stable display.
  const pairs = members
    .map((m) => rows.get(m.userId))
    .filter((r): r is PlanPair => r !== undefined);
  return { pairs, unmatchedLocal };
}
