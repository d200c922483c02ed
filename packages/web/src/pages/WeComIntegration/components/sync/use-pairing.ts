import { useMemo, useState } from 'react';
import type { LocalMember, PlanPair, SyncPlan } from '../../../../api/sync';

export interface PairingRow extends PlanPair {
  /** The admin's current choice (starts as the proposal). */
  chosen: number | null;
  excluded: boolean;
}

/**
 * The admin's decisions on top of the stored plan: re-pick, 移出 (clear) or exclude. Only
 * differences from the proposal are sent; the server re-checks them against the plan.
 */
export function usePairing(plan: SyncPlan) {
  const [chosen, setChosen] = useState<Map<string, number | null>>(new Map());
  const [excluded, setExcluded] = useState<Set<string>>(new Set());

  const people = useMemo(() => {
    // Accounts outside the tenant never reach this list: the plan does not name them.
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
      plan.members.pairs.map((p) => ({
        ...p,
        chosen: chosen.has(p.wechatUserId) ? (chosen.get(p.wechatUserId) ?? null) : p.userId,
        excluded: excluded.has(p.wechatUserId),
      })),
    [plan, chosen, excluded],
  );

  const owner = useMemo(() => {
    const m = new Map<number, string>();
    for (const r of rows)
      if (r.chosen !== null && r.match !== 'bound') m.set(r.chosen, r.wechatUserId);
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

  function toggleExclude(wechatUserId: string) {
    setExcluded((prev) => {
      const next = new Set(prev);
      if (next.has(wechatUserId)) next.delete(wechatUserId);
      else next.add(wechatUserId);
      return next;
    });
  }

  const counts = useMemo(() => {
    // A member unbound by an admin (移出) with no account picked stays unbound: nothing is
    // created; nor for one whose account's owner refused, until an admin picks by hand.
    const open = rows.filter(
      (r) =>
        r.match !== 'bound' &&
        !r.excluded &&
        r.wechatStatus !== 'left' &&
        !(r.unpaired && r.chosen === null) &&
        !(r.ownerRefused && r.chosen === r.userId),
    );
    // The proposal kept for an account that is not the tenant's own: its owner is asked.
    const asked = open.filter((r) => r.awaitingOwner && r.chosen === r.userId);
    const rest = open.filter((r) => !asked.includes(r));
    const paired = rest.filter((r) => r.chosen !== null).length;
    return {
      create: rest.length - paired,
      bind: paired,
      linkRequests: asked.length,
      update: plan.counts.update ?? 0,
      leave: plan.counts.leave ?? 0,
    };
  }, [rows, plan]);

  const decisions = () => ({
    pairs: rows
      .filter((r) => r.match !== 'bound' && r.chosen !== r.userId)
      .map((r) => ({ wechatUserId: r.wechatUserId, userId: r.chosen })),
    exclude: [...excluded],
  });

  return { rows, people, owner, pick, toggleExclude, counts, decisions };
}
export type Pairing = ReturnType<typeof usePairing>;
