import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { fallbackLog } from '../lib/log';

/**
 * Which rows the request path caches may have changed (lib/read-cache.ts), per table.
 *
 * Two sources, no guessing from SQL text and no wrapped client methods:
 * - **The database says so.** Each watched table has a statement trigger that calls
 *   `pg_notify('orgbridge_changes', <table>)` (drizzle/0011 and later). The notification is sent
 *   when the writing transaction commits, whoever wrote: this process, another process, a
 *   migration, an operator in psql. PGlite delivers it to its listener before the committing call
 *   returns (test/changes.test.ts proves it), so on the embedded database a cache never serves a
 *   row older than the last commit. On PostgreSQL a LISTEN connection hears every process within
 *   milliseconds.
 * - **The services say so.** A service that changes sessions, memberships, tenants, connector
 *   configs or API keys calls `changed(table)` once its write has committed, so this process's own
 *   sign-out, freeze or revocation applies to its very next request without waiting for the
 *   notification's round trip on PostgreSQL.
 * A short TTL in the caches themselves is the backstop for anything missed.
 *
 * While the listener is not connected (PostgreSQL: not yet, or lost) or the triggers are missing
 * (a database not migrated yet), `stamp` changes on every call, so nothing is cached.
 */
export const WATCHED_TABLES = [
  'sessions',
  'users',
  'memberships',
  'tenants',
  'third_app_configs',
  'api_keys',
] as const;
export type WatchedTable = (typeof WATCHED_TABLES)[number];
export const WATCHED: ReadonlySet<string> = new Set(WATCHED_TABLES);

/** The channel the triggers notify on. */
export const CHANGES_CHANNEL = 'orgbridge_changes';

/** The PostgreSQL LISTEN connection's application_name (pg_stat_activity). */
export const LISTENER_NAME = 'orgbridge-change-listener';

export interface Changes {
  /**
   * How long a cache may keep a value without hearing of a change (the backstop): long on the
   * embedded database, which hears every commit before it returns; short on PostgreSQL, where a
   * notification could be lost without the connection saying so.
   */
  readonly ttlMs: number;
  /**
   * A number that stays the same while none of `tables` changed. A cache keeps what it read only
   * if the stamp was the same before and after reading.
   */
  stamp(tables: readonly WatchedTable[]): number;
  /** This process committed a change to `tables`. */
  changed(...tables: WatchedTable[]): void;
  /** Whether changes are heard (GET /readyz on PostgreSQL). */
  listening(): boolean;
  /** Looks again whether every watched table notifies (after migrating). */
  recheck(): Promise<void>;
  close(): Promise<void>;
}

/** Counts triggers that notify for the watched tables; fewer than WATCHED_TABLES = not migrated. */
const TRIGGERS = `select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
  where t.tgname = c.relname || '_notify_change' and t.tgenabled <> 'D'
    and c.relname = any($1::text[])`;

/** Per-table versions and the stamp arithmetic, shared by both databases. */
function versions(isHearing: () => boolean) {
  const of = new Map<string, number>(WATCHED_TABLES.map((t) => [t, 0]));
  let unheard = 0;
  const bump = (table: string) => {
    if (of.has(table)) of.set(table, of.get(table)! + 1);
    // Not a table we know (a trigger added later, or a payload cut short): everything moved.
    else for (const t of WATCHED_TABLES) of.set(t, of.get(t)! + 1);
  };
  const bumpAll = () => {
    for (const t of WATCHED_TABLES) of.set(t, of.get(t)! + 1);
  };
  return {
    bump,
    bumpAll,
    stamp(tables: readonly WatchedTable[]): number {
      // Negative and always new while deaf: never equal to a stamp taken before.
      if (!isHearing()) return -++unheard;
      let sum = 0;
      for (const t of tables) sum += of.get(t)!;
      return sum;
    },
  };
}

/**
 * The embedded database: LISTEN through PGlite's own API. `client` is the guarded stand-in
 * (db/embedded-guard.ts); after a reopen call `relisten`, which also counts everything as changed.
 */
export async function embeddedChanges(
  client: PGlite,
): Promise<Changes & { relisten(): Promise<void> }> {
  let hearing = false;
  const v = versions(() => hearing);
  let unlisten: (() => Promise<void>) | null = null;

  async function listen(): Promise<void> {
    hearing = false;
    v.bumpAll();
    unlisten = await client.listen(CHANGES_CHANNEL, (table) => v.bump(table));
    await recheck();
  }
  async function recheck(): Promise<void> {
    try {
      const { rows } = await client.query<{ n: number }>(TRIGGERS, [WATCHED_TABLES]);
      hearing = rows[0]!.n >= WATCHED_TABLES.length;
    } catch {
      hearing = false;
    }
    v.bumpAll();
  }
  await listen();
  return {
    ttlMs: 60_000,
    stamp: v.stamp,
    changed: (...tables) => tables.forEach(v.bump),
    listening: () => hearing,
    recheck,
    relisten: listen,
    async close() {
      hearing = false;
      await unlisten?.().catch(() => {});
    },
  };
}

export interface PostgresChangesOptions {
  /**
   * First wait before listening again after the LISTEN connection was lost or could not be
   * opened; it doubles on each failed attempt up to `maxRetryMs`, and starts over once listening.
   */
  retryMs?: number;
  maxRetryMs?: number;
  onError?: (err: unknown) => void;
}

/** The triggers are not there yet (the database is not migrated). */
class NotYet extends Error {}

/**
 * PostgreSQL: a connection of its own LISTENs; each notification names the table. A value read
 * just before another process's commit can be served until its notification arrives
 * (milliseconds on one network), never longer than the caches' TTL.
 */
export function postgresChanges(
  connectionString: string,
  opts: PostgresChangesOptions = {},
): Changes {
  const retryMs = opts.retryMs ?? 1_000;
  const maxRetryMs = Math.max(retryMs, opts.maxRetryMs ?? 10_000);
  let delay = retryMs;
  const onError =
    opts.onError ?? ((err: unknown) => fallbackLog().warn({ err }, 'PostgreSQL change listener'));
  let hearing = false;
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const v = versions(() => hearing);

  /** `backOff`: a failure (not the expected wait for the migration) makes the next wait longer. */
  function lost(client: pg.Client, backOff = true) {
    if (listener !== client) return;
    listener = null;
    hearing = false;
    client.end().catch(() => {});
    if (closed || retry) return;
    const wait = backOff ? delay : retryMs;
    if (backOff) delay = Math.min(delay * 2, maxRetryMs);
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, wait);
    retry.unref();
  }

  async function listen() {
    if (closed) return;
    const client = new pg.Client({
      connectionString,
      keepAlive: true,
      application_name: LISTENER_NAME,
    });
    listener = client;
    client.on('notification', (n) => v.bump(n.payload ?? ''));
    client.on('error', (err) => {
      onError(err);
      lost(client);
    });
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
      // Listening hears nothing until the migration has put the triggers in (a new database is
      // migrated after it is opened): until then, look again shortly and cache nothing.
      const { rows } = await client.query<{ n: number }>(TRIGGERS, [[...WATCHED_TABLES]]);
      if (rows[0]!.n < WATCHED_TABLES.length) throw new NotYet();
    } catch (err) {
      const notYet = err instanceof NotYet;
      if (!notYet) onError(err);
      lost(client, !notYet);
      return;
    }
    if (listener !== client) return;
    // Whatever was cached before now may have missed a notification: every table counts as
    // changed, and only then do the stamps stand still between writes.
    v.bumpAll();
    delay = retryMs;
    hearing = true;
  }
  void listen();

  return {
    ttlMs: 1_000,
    stamp: v.stamp,
    changed: (...tables) => tables.forEach(v.bump),
    listening: () => hearing,
    async recheck() {
      if (!hearing && listener === null && !retry && !closed) void listen();
    },
    async close() {
      closed = true;
      hearing = false;
      clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
    },
  };
}
