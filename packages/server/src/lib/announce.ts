import type { Changes, WatchedTable } from '../db/changes';

type Writes<S> = { [K in keyof S]?: readonly WatchedTable[] };

/**
 * The service says what it changed (db/changes.ts): each listed method, once it has finished —
 * its transaction committed or rolled back — tells this process's caches at once that these
 * tables changed, without waiting for the database's notification to come back. Listed where the
 * services are assembled (services.ts), so what each one writes is read in one place.
 */
export function announcing<S extends object>(
  service: S,
  changes: Changes | undefined,
  writes: Writes<S>,
): S {
  if (!changes) return service;
  const out = { ...service };
  for (const key of Object.keys(writes) as (keyof S)[]) {
    const tables = writes[key]!;
    const method = service[key];
    if (typeof method !== 'function') throw new TypeError(`${String(key)} is not a method`);
    out[key] = (async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(service, args);
      } finally {
        changes.changed(...tables);
      }
    }) as S[keyof S];
  }
  return out;
}
