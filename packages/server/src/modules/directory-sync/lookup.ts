/**
 * Matching when the provider hides mobile and e-mail (WeCom apps created after 2022-06-20;
 * PRODUCT.md §8). Preview asks WeCom which member owns the phone / e-mail of each still-unmatched
 * account that is the tenant's own (§7: never an outsider's or a shared account's), and lends the
 * answer to that WeCom member as if WeCom had disclosed it; the matcher then pairs it by the
 * ordinary mobile / e-mail rules (uniqueness on both sides, ownership), and the stored snapshot
 * keeps it so apply re-plans the same pairs without asking again.
 *
 * Answers, misses included, are cached per connection in memory for LOOKUP_TTL_MS: the cache
 * needs no schema (none may be added here) and losing it on a restart costs at most one more
 * round of lookups, which the error budget below bounds anyway. WeCom blocks these APIs for a
 * day once "no such member" errors exceed 20 % of the corp's seat limit; errors are counted per
 * corp and (China) day and lookups stop at half of that, the seat limit being taken as the
 * member count read when unknown. The counter is per process too, so the margin also covers a
 * restart or a second process on the same day.
 */
import type { DirectoryReader, ExtMember } from '../../connectors/kit';
import { ownershipOf } from '../policy/trust';
import { emailKey, idKey, mobileKey } from './normalise';
import type { LocalUser, PlanPair, UnmatchedLocal } from './sync.types';

export interface LookupReport {
  /** Lookups sent to the provider by this preview. */
  made: number;
  /** Answers naming a member / "no such member" (sent or cached). */
  hits: number;
  misses: number;
  /** Answers taken from the cache. */
  cached: number;
  /** Lookups not made because the day's error budget is spent. */
  skipped: number;
  /** Lookups that failed otherwise (the rest were then not made either). */
  failed: number;
  /** Errors this corp may still make today, and the day's allowance. */
  budgetLeft: number;
  budget: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** WeCom's day is China's (UTC+8). */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
export const LOOKUP_TTL_MS = DAY_MS;
/** WeCom blocks at 20 % of the seat limit; OrgBridge stops at half of that. */
export const BUDGET_SHARE = 0.2 * 0.5;
const WIDTH = 4;

interface Entry {
  userId: string | null;
  expiresAt: number;
}
const caches = new Map<string, Map<string, Entry>>();
const counters = new Map<string, { day: number; errors: number; inFlight: number }>();

function counterOf(corpId: string, now: number) {
  const day = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
  let c = counters.get(corpId);
  if (!c || c.day !== day) {
    c = { day, errors: 0, inFlight: c?.inFlight ?? 0 };
    counters.set(corpId, c);
  }
  return c;
}

export interface LookupInput {
  tenantId: number;
  corpId: string;
  reader: DirectoryReader;
  members: ExtMember[];
  /** The plan before lookups: which WeCom members are open, which local members unmatched. */
  pairs: PlanPair[];
  unmatchedLocal: UnmatchedLocal[];
  localMembers: LocalUser[];
  now?: () => number;
}

/**
 * The members with what the lookups learnt (a copy; null when nothing was learnt) and the report.
 * Null report: the provider has no lookup.
 */
export async function lookupUnmatched(
  p: LookupInput,
): Promise<{ members: ExtMember[] | null; report: LookupReport | null }> {
  const lookup = p.reader.lookup;
  if (!lookup) return { members: null, report: null };
  const now = p.now ?? Date.now;
  const budget = Math.floor(p.members.length * BUDGET_SHARE);
  const report: LookupReport = {
    made: 0,
    hits: 0,
    misses: 0,
    cached: 0,
    skipped: 0,
    failed: 0,
    budget,
    budgetLeft: 0,
  };
  const open = new Set(
    p.pairs
      .filter((r) => r.match === 'none' && r.userId === null && !r.unpaired && !r.ownerRefused)
      .map((r) => idKey(r.wechatUserId)),
  );
  const byId = new Map(p.localMembers.map((u) => [u.userId, u]));
  const candidates = p.unmatchedLocal
    .map((u) => byId.get(u.userId))
    .filter((u): u is LocalUser => u !== undefined && ownershipOf(u) === 'own')
    .sort((a, b) => a.userId - b.userId);
  // A provider that discloses the field already let the matcher use it.
  const mobilesHidden = !p.members.some((m) => m.mobile);
  const emailsHidden = !p.members.some((m) => m.email);
  const cacheKey = `${p.tenantId}\n${p.corpId}`;
  const cache = caches.get(cacheKey) ?? new Map<string, Entry>();
  caches.set(cacheKey, cache);
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();

  async function ask(
    key: string,
    call: () => Promise<string | null>,
  ): Promise<string | null | undefined> {
    const entry = cache.get(key);
    if (entry && entry.expiresAt > now()) {
      report.cached++;
      if (entry.userId) report.hits++;
      else report.misses++;
      return entry.userId;
    }
    for (;;) {
      const c = counterOf(p.corpId, now());
      if (stopped) return undefined;
      // Every lookup in flight may come back as an error: reserve for it.
      if (c.errors + c.inFlight < budget) break;
      if (inFlight.size === 0) {
        report.skipped++;
        return undefined;
      }
      // A failure is the caller's to count; here it only means a slot is free again.
      await Promise.race([...inFlight].map((x) => x.catch(() => undefined)));
    }
    const c = counterOf(p.corpId, now());
    c.inFlight++;
    report.made++;
    const pending = call();
    inFlight.add(pending);
    try {
      const userId = await pending;
      if (userId) report.hits++;
      else {
        report.misses++;
        counterOf(p.corpId, now()).errors++;
      }
      cache.set(key, { userId, expiresAt: now() + LOOKUP_TTL_MS });
      return userId;
    } catch {
      // Blocked, refused or unreachable: count it like WeCom would and ask nothing more.
      report.failed++;
      counterOf(p.corpId, now()).errors++;
      stopped = true;
      return undefined;
    } finally {
      inFlight.delete(pending);
      counterOf(p.corpId, now()).inFlight--;
    }
  }

  async function pool<T>(items: T[], fn: (t: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await fn(items[next++] as T);
    };
    await Promise.all(Array.from({ length: Math.min(WIDTH, items.length) }, worker));
  }

  /** Lower-cased WeCom userid → the learnt field. */
  const learnt = new Map<string, { mobile?: string; email?: string }>();
  const resolved = new Set<number>();
  const phase = async (
    field: 'mobile' | 'email',
    keyOf: (u: LocalUser) => string,
    call: (v: string) => Promise<string | null>,
  ) => {
    const byKey = new Map<string, LocalUser[]>();
    for (const u of candidates) {
      const k = resolved.has(u.userId) ? '' : keyOf(u);
      if (k) byKey.set(k, [...(byKey.get(k) ?? []), u]);
    }
    await pool([...byKey.entries()], async ([value, users]) => {
      const userId = await ask(`${field}:${value}`, () => call(value));
      if (!userId) return;
      // Found: whoever WeCom named, this account's e-mail need not be asked about.
      for (const u of users) resolved.add(u.userId);
      const id = idKey(userId);
      if (open.has(id)) learnt.set(id, { ...learnt.get(id), [field]: value });
    });
  };
  if (mobilesHidden) await phase('mobile', (u) => mobileKey(u.phone), lookup.byMobile);
  if (emailsHidden) await phase('email', (u) => emailKey(u.email), lookup.byEmail);

  report.budgetLeft = Math.max(0, budget - counterOf(p.corpId, now()).errors);
  if (learnt.size === 0) return { members: null, report };
  const members = p.members.map((m) => {
    const l = learnt.get(idKey(m.userId));
    return l
      ? { ...m, ...(l.mobile ? { mobile: l.mobile } : {}), ...(l.email ? { email: l.email } : {}) }
      : m;
  });
  return { members, report };
}
