import type { ChangeClock } from '../db/change-clock';

/**
 * Keeps what `load` found, for as long as the database's change clock has not moved since the
 * read began (db/change-clock.ts): any write to a watched table drops every entry at once, so a
 * sign-out, a freeze or a config change takes effect on the very next request. Misses are not
 * kept (unknown tokens cannot fill memory), and the cache empties itself past `maxEntries`.
 *
 * Without a clock this is `load` itself.
 */
export function cacheReads<K, V>(
  load: (key: K) => Promise<V | undefined>,
  keyOf: (key: K) => string,
  clock: ChangeClock | undefined,
  opts: { maxEntries?: number } = {},
): (key: K) => Promise<V | undefined> {
  if (!clock) return load;
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, V>();
  let validAt = clock.now();

  return async (key) => {
    const version = clock.now();
    if (version !== validAt) {
      entries.clear();
      validAt = version;
    }
    const k = keyOf(key);
    const hit = entries.get(k);
    if (hit !== undefined) return hit;
    const value = await load(key);
    // Kept only if nothing changed while reading: the value is then current as of `version`.
    if (value !== undefined && clock.now() === version && validAt === version) {
      if (entries.size >= maxEntries) entries.clear();
      // Shared by every request that hits it: nobody may change it.
      entries.set(k, deepFreeze(value));
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
