import { LRUCache } from 'lru-cache';
import type { Changes, WatchedTable } from '../db/changes';

export interface ReadCacheOptions {
  /** The tables whose rows the loaded value is made of: a change to any of them drops it. */
  tables: readonly WatchedTable[];
  /** The backstop for a change nobody heard: no value is kept longer (default: the feed's). */
  ttlMs?: number;
  maxEntries?: number;
}

/**
 * Keeps what `load` found while none of its tables changed (db/changes.ts): a change drops every
 * entry at once, so a sign-out, a freeze or a config change takes effect on the very next
 * request, and nothing is kept past `ttlMs` even if a change went unheard. A value read while a
 * change landed is not kept. Misses are not kept (unknown tokens cannot fill memory).
 *
 * Without `changes` this is `load` itself.
 */
export function cacheReads<K, V>(
  load: (key: K) => Promise<V | undefined>,
  keyOf: (key: K) => string,
  changes: Changes | undefined,
  opts: ReadCacheOptions,
): (key: K) => Promise<V | undefined> {
  if (!changes) return load;
  const { tables } = opts;
  // Boxed: LRUCache keeps no null, and a null answer (no such host) is worth keeping.
  const entries = new LRUCache<string, { value: V }>({
    max: opts.maxEntries ?? 10_000,
    ttl: opts.ttlMs ?? changes.ttlMs,
    // Checked on read only: no timer per entry.
    ttlAutopurge: false,
  });
  let validAt = changes.stamp(tables);

  return async (key) => {
    const stamp = changes.stamp(tables);
    if (stamp !== validAt) {
      entries.clear();
      validAt = stamp;
    }
    const k = keyOf(key);
    const hit = entries.get(k);
    if (hit !== undefined) return hit.value;
    const value = await load(key);
    // Kept only if nothing changed while reading: the value is then current as of `stamp`.
    if (value !== undefined && changes.stamp(tables) === stamp && validAt === stamp) {
      // Shared by every request that hits it: nobody may change it.
      entries.set(k, { value: deepFreeze(value) });
    }
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
