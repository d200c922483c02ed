import { emailKey, idKey, mobileKey, nameKey } from './normalise';
import type {
  ExtMember,
  LocalBinding,
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

function pairOf(m: ExtMember, u: LocalUser | null, match: PlanPair['match']): PlanPair {
  return {
    wechatUserId: m.userId,
    wechatName: m.name,
    wechatDepartmentIds: m.departmentIds,
    wechatStatus: m.status,
    userId: u?.userId ?? null,
    username: u?.username ?? null,
    realname: u?.realname ?? null,
    match,
    ambiguous: false,
    ...(u && u.membershipStatus === null ? { outsider: true } : {}),
  };
}

/**
 * Proposes a system account for every WeCom member, strongest signal first: existing binding →
 * generated username (houseNumber + userid, case-insensitive) → mobile → e-mail (only when WeCom
 * discloses them) → normalised real name. A signal shared by two candidates on either side makes
 * the row `ambiguous` and it is never paired automatically. Members who left WeCom and were never
 * bound are not proposed at all. Members an admin unbound (移出, `unpaired`: lower-cased userids)
 * are listed with no proposal and take no part in matching.
 */
export function matchMembers(
  members: ExtMember[],
  local: LocalState,
  corpBindings: LocalBinding[],
  unpaired: ReadonlySet<string> = new Set(),
): MatchResult {
  const bindingByExt = new Map(corpBindings.map((b) => [idKey(b.extUserId), b]));
  const everyone = [...local.members, ...local.outsiders];
  const byId = new Map(everyone.map((u) => [u.userId, u]));
  // A user with any binding of this tenant (even another corp's, even inactive) cannot get a second one.
  const taken = new Set(local.bindings.map((b) => b.userId));
  const rows = new Map<string, PlanPair>();
  const pending: ExtMember[] = [];

  for (const m of members) {
    const b = bindingByExt.get(idKey(m.userId));
    if (b) rows.set(m.userId, pairOf(m, byId.get(b.userId) ?? null, 'bound'));
    else if (m.status === 'left') continue;
    else if (unpaired.has(idKey(m.userId)))
      rows.set(m.userId, { ...pairOf(m, null, 'none'), unpaired: true });
    else pending.push(m);
  }

  const claim = (m: ExtMember, u: LocalUser, kind: PlanPair['match']) => {
    rows.set(m.userId, pairOf(m, u, kind));
    taken.add(u.userId);
  };
  const free = (u: LocalUser) => !taken.has(u.userId);

  const byUsername = new Map(everyone.map((u) => [u.username.toLowerCase(), u]));
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

  const active = local.members.filter((u) => u.membershipStatus === 1 && free(u));
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
    const ids = [...new Set([...(ambiguous.get(m.userId) ?? []), ...cands.map((c) => c.userId)])];
    if (ids.length > 0) row.candidates = ids;
    // Namesakes on the WeCom side are flagged even with no local candidate: the admin should
    // see that two accounts with one name are about to be created.
    if (ids.length > 0 || (k !== '' && (extByName.get(k)?.length ?? 0) > 1)) row.ambiguous = true;
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
