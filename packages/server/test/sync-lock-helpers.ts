import pg from 'pg';
import { expect } from 'vitest';
import type { SyncWorld } from '../src/modules/directory-sync/sync.test-harness';

/**
 * For tests that take a running sync's lock away (PostgreSQL): raw SQL on a connection of the
 * test's own, the kill of the lock's backend, and the run API.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- run views are asserted field by field
export type Any = any;

const urlOf = (w: SyncWorld) =>
  (w.t.database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;

/** Runs one statement on a short-lived connection to the world's database. */
export async function sqlOn<T = Any>(
  w: SyncWorld,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const c = new pg.Client({ connectionString: urlOf(w) });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Terminates the backend holding the tenant's sync lock; false while nobody holds it. */
export async function killLockHolder(w: SyncWorld): Promise<boolean> {
  const rows = await sqlOn(
    w,
    `select pg_terminate_backend(l.pid) as killed from pg_locks l
     where l.locktype = 'advisory' and l.granted
       and l.database = (select oid from pg_database where datname = current_database())
       and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended($1, 0)`,
    [`orgbridge:sync:${w.tenant.id}`],
  );
  return rows.length > 0;
}

export async function getRun(w: SyncWorld, id: number): Promise<Any> {
  const res = await w.t.call('GET', `/sys/thirdApp/sync/runs/${id}`, undefined, {
    token: w.admin.token,
  });
  expect(res.status).toBe(200);
  return res.body.result;
}

/** `POST /sys/thirdApp/sync/run` as the world's admin (the answer, unchecked). */
export const postRun = (w: SyncWorld) =>
  w.t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: 'wechat_enterprise' },
    { token: w.admin.token },
  );
