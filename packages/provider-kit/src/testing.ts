/** Test helpers the provider packages share (imported by tests only). */
import type { TokenStore } from './token-cache';

/**
 * N "processes" sharing one token table, like the server's PostgreSQL store: separate store
 * objects (so no in-process single-flight between them) over one Map, with an exclusive lock
 * unless `withLock` is false.
 */
export function sharedStores(n: number, withLock = true): TokenStore[] {
  const table = new Map<string, { token: string; expiresAt: number }>();
  let chain: Promise<unknown> = Promise.resolve();
  const lock = <T>(_key: string, fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };
  return Array.from({ length: n }, () => ({
    get: async (key: string) => table.get(key) ?? null,
    set: async (key: string, value: { token: string; expiresAt: number }) =>
      void table.set(key, value),
    invalidate: async (key: string, token: string) => {
      if (table.get(key)?.token === token) table.delete(key);
    },
    ...(withLock ? { withLock: lock } : {}),
  }));
}
