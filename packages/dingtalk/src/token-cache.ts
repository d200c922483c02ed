/**
 * access_token caching. DingTalk's app token lives 7200 s; asking again within its life returns
 * the same token and extends it (README, "Facts"). Token calls count against the QPS limit like
 * any other, so a token is fetched once per (AppKey, AppSecret) and shared: across processes
 * through the pluggable store (with its optional lock), across concurrent callers through an
 * in-process single flight, and across calls through a local copy that does not touch the store.
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
  /** Optional cross-process single flight: run fn while holding an exclusive lock for key. */
  withLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** `dingtalk:` + AppKey + the first 16 hex chars of sha256(secret): secrets never appear in keys. */
export function tokenKey(appKey: string, secret: string): string {
  return `dingtalk:${appKey}:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
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
  /** Asks DingTalk for a token; `expiresIn` in seconds. */
  fetchToken: () => Promise<{ token: string; expiresIn: number }>;
  /** Refresh this long before expiry (default 5 min) so no call goes out with a dying token. */
  refreshAheadMs?: number;
  now?: () => number;
}

export interface TokenCache {
  get(): Promise<string>;
  /** Forget `token` locally and in the store; the next get() fetches or reloads a new one. */
  invalidate(token: string): Promise<void>;
}

/** In-flight fetches per (store, key), shared by every cache over the same store. */
const inflight = new WeakMap<TokenStore, Map<string, Promise<CachedToken>>>();

function flights(store: TokenStore): Map<string, Promise<CachedToken>> {
  let m = inflight.get(store);
  if (!m) inflight.set(store, (m = new Map()));
  return m;
}

export function createTokenCache(opts: TokenCacheOptions): TokenCache {
  const { store, key, fetchToken } = opts;
  const refreshAhead = opts.refreshAheadMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  let local: CachedToken | null = null;

  const fresh = (t: CachedToken | null): boolean =>
    t !== null && t.expiresAt - refreshAhead > now();

  async function load(): Promise<CachedToken> {
    const stored = await store.get(key);
    if (stored && fresh(stored)) return stored;
    const refresh = async (): Promise<CachedToken> => {
      // Inside the lock another process may already have refreshed: re-read before fetching.
      const again = store.withLock ? await store.get(key) : stored;
      if (again && fresh(again)) return again;
      try {
        const { token, expiresIn } = await fetchToken();
        const value = { token, expiresAt: now() + expiresIn * 1000 };
        await store.set(key, value);
        return value;
      } catch (err) {
        // A token inside its refresh window still works; prefer it over failing the call.
        if (again && again.expiresAt > now()) return again;
        throw err;
      }
    };
    return store.withLock ? store.withLock(key, refresh) : refresh();
  }

  function singleFlight(): Promise<CachedToken> {
    const m = flights(store);
    let p = m.get(key);
    if (!p) {
      p = load().finally(() => m.delete(key));
      m.set(key, p);
    }
    return p;
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
