import { useMemo, useState } from 'react';
import type { LocalMember, PlanPair, SyncPlan } from '../../../../api/sync';

export interface PairingRow extends PlanPair {
  /** The admin's current choice (starts as the proposal). */
  chosen: number | null;
  /**
   * Left out of this run and the later ones (排除): chosen in this dialog, or stored by an earlier
   * run (`excluded` from the server) and not restored here.
   */
  leftOut: boolean;
}

/** The decision groups of the preview (filters). */
export type RowFilter =
  'all' | 'attention' | 'duplicate' | 'create' | 'cross' | 'paired' | 'excluded';
export const FILTERS: readonly RowFilter[] = [
  'all',
  'attention',
  'duplicate',
  'create',
  'cross',
  'paired',
  'excluded',
];

/** A pairing that involves an account that is not the tenant's own, or waits for its owner (§7). */
export const crossTenant = (r: PairingRow) =>
  r.match !== 'bound' &&
  !r.leftOut &&
  r.chosen === r.userId &&
  !!(r.outsider || r.awaitingOwner || r.ownerRefused || r.match === 'requested');

/** Nothing would be written for it: left, unbound by an admin, or refused by its owner. */
const idle = (r: PairingRow) =>
  r.wechatStatus === 'left' ||
  (r.unpaired && r.chosen === null) ||
  (r.ownerRefused && r.chosen === r.userId);

export function inFilter(r: PairingRow, f: RowFilter): boolean {
  switch (f) {
    case 'all':
      return true;
    // Only what the admin must decide: a namesake nobody picked, or an account not the tenant's
    // own. A first sync of a big org (everyone "will be created") has nothing here.
    case 'attention':
      return (
        r.match !== 'bound' && !r.leftOut && ((r.ambiguous && r.chosen === null) || crossTenant(r))
      );
    case 'duplicate':
      return r.ambiguous;
    case 'create':
      return r.match !== 'bound' && !r.leftOut && r.chosen === null && !idle(r);
    case 'cross':
      return crossTenant(r);
    case 'paired':
      return r.match === 'bound' || (!r.leftOut && r.chosen !== null && !crossTenant(r));
    case 'excluded':
      return r.leftOut;
  }
}

/**
 * The admin's decisions on top of the stored plan: re-pick, 移出 (clear), exclude (排除) or
 * restore a member an earlier run left out. Only differences from the proposal are sent; the
 * server re-checks them against the plan.
 */
export function usePairing(plan: SyncPlan) {
  const [chosen, setChosen] = useState<Map<string, number | null>>(new Map());
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [restored, setRestored] = useState<Set<string>>(new Set());

  const people = useMemo(() => {
    // Accounts outside the tenant never reach this list: the plan does not name them. Nor do
    // platform administrators or bound members: the server never offers them.
    const map = new Map<number, LocalMember>();
    for (const u of plan.members.unmatchedLocal) map.set(u.userId, u);
    for (const p of plan.members.pairs) {
      if (p.userId !== null && p.match !== 'bound' && !map.has(p.userId)) {
        map.set(p.userId, {
          userId: p.userId,
          username: p.username ?? '',
          realname: p.realname ?? '',
          ambiguous: false,
        });
      }
    }
    return map;
  }, [plan]);

  const rows: PairingRow[] = useMemo(
    () =>
      plan.members.pairs.map((p) => {
        const leftOut =
          excluded.has(p.wechatUserId) || (!!p.excluded && !restored.has(p.wechatUserId));
        return {
          ...p,
          chosen: chosen.has(p.wechatUserId) ? (chosen.get(p.wechatUserId) ?? null) : p.userId,
          leftOut,
        };
      }),
    [plan, chosen, excluded, restored],
  );

  /** Which WeCom member each account is paired with now (members left out hold nobody). */
  const owner = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of rows)
      if (r.chosen !== null && r.match !== 'bound' && !r.leftOut) m.set(r.chosen, r.wechatUserId);
    return m;
  }, [rows]);

  function pick(wechatUserId: string, userId: number | null) {
    setChosen((prev) => {
      const next = new Map(prev);
      // Re-picking a member moves them from the row that had them.
      if (userId !== null) {
        const previous = owner.get(userId);
        if (previous && previous !== wechatUserId) next.set(previous, null);
      }
      next.set(wechatUserId, userId);
      return next;
    });
  }

  /** 排除: leave the member out (stored by the run, so later runs leave it out too). */
  function exclude(wechatUserId: string) {
    setExcluded((prev) => new Set(prev).add(wechatUserId));
  }

  /** Takes back a 排除 made here, or restores a member an earlier run left out. */
  function restore(wechatUserId: string) {
    setExcluded((prev) => {
      const next = new Set(prev);
      next.delete(wechatUserId);
      return next;
    });
    const row = plan.members.pairs.find((p) => p.wechatUserId === wechatUserId);
    if (row?.excluded) setRestored((prev) => new Set(prev).add(wechatUserId));
  }

  const counts = useMemo(() => {
    const open = rows.filter((r) => r.match !== 'bound' && !r.leftOut && !idle(r));
    // The proposal kept for an account that is not the tenant's own: its owner is asked.
    const asked = open.filter((r) => r.awaitingOwner && r.chosen === r.userId);
    const rest = open.filter((r) => !asked.includes(r));
    const paired = rest.filter((r) => r.chosen !== null).length;
    return {
      create: rest.length - paired,
      bind: paired,
      linkRequests: asked.length,
      excluded: rows.filter((r) => r.leftOut).length,
      update: plan.counts.update ?? 0,
      leave: plan.counts.leave ?? 0,
    };
  }, [rows, plan]);

  const filterCounts = useMemo(
    () => Object.fromEntries(FILTERS.map((f) => [f, rows.filter((r) => inFilter(r, f)).length])),
    [rows],
  ) as Record<RowFilter, number>;

  const decisions = () => ({
    pairs: rows
      .filter((r) => r.match !== 'bound' && !r.leftOut && r.chosen !== r.userId)
      .map((r) => ({ wechatUserId: r.wechatUserId, userId: r.chosen })),
    exclude: [...excluded],
    include: [...restored].filter((id) => !excluded.has(id)),
  });

  return { rows, people, owner, pick, exclude, restore, counts, filterCounts, decisions };
}
export type Pairing = ReturnType<typeof usePairing>;
