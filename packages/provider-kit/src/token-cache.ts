/**
 * access_token caching. A provider's token endpoint is rate-limited (or counts against the QPS
 * limit), so a token is fetched once per (app, secret) and shared: through the pluggable store
 * across processes, through an in-process single-flight map across concurrent callers, and
 * through a local copy so a warm call does not touch the store at all.
 */
import { createHash } from 'node:crypto';

export interface CachedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface TokenStore {
  get(key: string): Promise<CachedToken | null>;
  set(key: string, value: CachedToken): Promise<void>;
  /** Removes the entry only if it still holds `token` (another process may have refreshed it). */
  invalidate(key: string, token: string): Promise<void>;
  /** Optional cross-process single-flight: run fn while holding an exclusive lock for key. */
  withLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The first 16 hex chars of sha256(secret): secrets never appear in keys or logs. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

export function createMemoryTokenStore(): TokenStore {
  const entries = new Map<string, CachedToken>();
  return {
    get: async (key) => entries.get(key) ?? null,
    set: async (key, value) => void entries.set(key, value),
    invalidate: async (key, token) => {
      if (entries.get(key)?.token === token) entries.delete(key);
    },
  };
}

export interface TokenCacheOptions {
  store: TokenStore;
  key: string;
  /** Asks the provider for a token; `expiresIn` in seconds. */
  fetchToken: () => Promise<{ token: string; expiresIn: number }>;
  /** Refresh this long before expiry (default 5 min) so no call goes out with a dying token. */
  refreshAheadMs?: number;
  now?: () => number;
}

/** The provider's side of the cache, set by its package, not by callers. */
export interface TokenCacheBehaviour {
  /**
   * The provider returns the same token on a refetch and does not extend its life (WeCom): when a
   * refresh-ahead got the same token back, the original expiry stays and no further
   * refresh-ahead is tried for that token — otherwise every call in the last minutes would fetch
   * again. Off: a refetch's `expiresIn` counts from now (DingTalk extends the token).
   */
  refetchKeepsExpiry: boolean;
}

export interface TokenCache {
  get(): Promise<string>;
  /** Forget `token` locally and in the store; the next get() fetches or reloads a new one. */
  invalidate(token: string): Promise<void>;
}

/**
 * Process-wide state per (store, key), shared by every cache over the same store so that a server
 * building one client per request still single-flights.
 */
interface Slot {
  inflight?: Promise<CachedToken>;
  /** With `refetchKeepsExpiry`: the token whose refresh-ahead returned it unchanged. */
  aheadDoneFor?: string;
}
const slots = new WeakMap<TokenStore, Map<string, Slot>>();

function slotOf(store: TokenStore, key: string): Slot {
  let byKey = slots.get(store);
  if (!byKey) slots.set(store, (byKey = new Map()));
  let slot = byKey.get(key);
  if (!slot) byKey.set(key, (slot = {}));
  return slot;
}

export function createTokenCache(
  opts: TokenCacheOptions,
  behaviour: TokenCacheBehaviour,
): TokenCache {
  const { store, key, fetchToken } = opts;
  const refreshAhead = opts.refreshAheadMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const slot = slotOf(store, key);
  let local: CachedToken | null = null;

  /** Usable without a refresh: outside the refresh window, or refresh-ahead already tried. */
  const fresh = (t: CachedToken): boolean =>
    t.expiresAt - refreshAhead > now() ||
    (behaviour.refetchKeepsExpiry && slot.aheadDoneFor === t.token && t.expiresAt > now());

  async function fetchAndStore(previous: CachedToken | null): Promise<CachedToken> {
    const { token, expiresIn } = await fetchToken();
    let value = { token, expiresAt: now() + expiresIn * 1000 };
    if (
      behaviour.refetchKeepsExpiry &&
      previous &&
      previous.token === token &&
      previous.expiresAt > now()
    ) {
      slot.aheadDoneFor = token;
      value = previous;
    }
    await store.set(key, value);
    return value;
  }

  async function load(): Promise<CachedToken> {
    const stored = await store.get(key);
    if (stored && fresh(stored)) return stored;
    const refresh = async (): Promise<CachedToken> => {
      // Inside the lock another process may already have refreshed: re-read before fetching.
      const again = store.withLock ? await store.get(key) : stored;
      if (again && fresh(again)) return again;
      try {
        return await fetchAndStore(again);
      } catch (err) {
        // A token inside its refresh window still works; prefer it over failing the call.
        if (again && again.expiresAt > now()) return again;
        throw err;
      }
    };
    return store.withLock ? store.withLock(key, refresh) : refresh();
  }

  function singleFlight(): Promise<CachedToken> {
    if (!slot.inflight) {
      slot.inflight = load().finally(() => {
        slot.inflight = undefined;
      });
    }
    return slot.inflight;
  }

  return {
    async get() {
      if (local && fresh(local)) return local.token;
      local = await singleFlight();
      return local.token;
    },
    async invalidate(token) {
      if (local?.token === token) local = null;
      await store.invalidate(key, token);
    },
  };
}
