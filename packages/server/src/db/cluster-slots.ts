/**
 * One limit on provider calls in flight per account and API for every process sharing one
 * PostgreSQL (WeCom answers 45033 above about 5 per corp and API, whichever process calls).
 *
 * Two stages. In the process, at most `maxInFlight` callers per (scope, API), FIFO, each holding a
 * numbered local slot j. Across processes, local slot j also holds cluster slot j: the session
 * advisory lock `(hashtext(scope‖API), j)`, taken on a connection of a small pool of its own before
 * the call and released after it. `pg_advisory_lock` waits in PostgreSQL's lock queue (first come,
 * first served across processes), and a connection that dies releases its locks, so a crashed
 * process never leaks a slot. This is PostgreSQL itself coordinating (PRODUCT.md §1), no lease
 * table to sweep. On the embedded database one process owns everything: the server does not use
 * this, the provider client's in-process limit is the limit.
 */
import pg from 'pg';
import type { Database } from './client';
import { fallbackLog } from '../lib/log';

/** Same shape as @orgbridge/wecom's Governor, so a provider client can take it as is. */
export interface CallSlots {
  readonly concurrency: number;
  /** Runs `fn` holding one of the `concurrency` slots of `api` in the whole cluster. */
  run<T>(api: string, fn: () => Promise<T>): Promise<T>;
  /** Callers of this process holding a slot of `api`. */
  inFlight(api: string): number;
  /** Highest `inFlight(api)` seen in this process. */
  peak(api: string): number;
}

export interface ClusterSlots {
  readonly maxInFlight: number;
  /** The slots of one provider account (WeCom: API base and CorpID); one object per scope. */
  forScope(scope: string): CallSlots;
  /** Ends the pool (waits for calls holding a slot). */
  close(): Promise<void>;
}

type Log = (message: string) => void;

export interface ClusterSlotOptions {
  pool: pg.Pool;
  maxInFlight: number;
  /** APIs coordinated elsewhere (WeCom's gettoken: one fetch per secret, connectors/token-store). */
  exempt?: ReadonlySet<string>;
  /**
   * How long a process may keep a cluster slot for its own waiting callers before it must queue
   * behind the other processes again. Default 300 ms: each hand-over between processes leaves
   * the slot idle until the receiving process's event loop gets to it (10–50 ms when it is busy),
   * so it is paid once per ~15 calls of 20 ms; a quiet process waits at most a hold per process
   * queued before it.
   */
  holdMs?: number;
  /**
   * How long a process keeps a cluster slot nobody of its own is waiting for, in case its next
   * call comes soon (default 30 ms, never beyond `holdMs` in all). Locking and unlocking around
   * every call doubled a send's database round trips when the provider answers in a millisecond
   * or two (bench messages-send on PostgreSQL: 1,033 req/s and 0.34 ms of backend CPU per call
   * with a lock per call); another process waits at most this long for an idle slot.
   */
  lingerMs?: number;
  log?: Log;
  now?: () => number;
}

interface Lane {
  active: number;
  peak: number;
  /** Local slot numbers nobody holds. */
  free: number[];
  /**
   * Per local slot: the connection holding its cluster slot (while handed on or lingering), since
   * when, and the linger timer while nobody uses it.
   */
  held: Array<Held | null>;
  waiters: Array<(slot: number) => void>;
}

interface Held {
  conn: pg.PoolClient;
  since: number;
  timer?: NodeJS.Timeout;
}

const LOCK = 'select pg_advisory_lock(hashtext($1), $2)';
const UNLOCK = 'select pg_advisory_unlock(hashtext($1), $2)';

export function createClusterSlots(opts: ClusterSlotOptions): ClusterSlots {
  const { pool, maxInFlight } = opts;
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
    throw new RangeError(`maxInFlight must be a positive integer, got ${maxInFlight}`);
  }
  const log: Log = opts.log ?? ((m) => fallbackLog().warn({}, m));
  const exempt = opts.exempt ?? new Set<string>();
  const holdMs = opts.holdMs ?? 300;
  const lingerMs = Math.min(opts.lingerMs ?? 30, holdMs);
  const now = opts.now ?? (() => performance.now());
  const onIdleError = (err: Error) => log(`provider call slot connection lost: ${err.message}`);
  pool.on('error', onIdleError);
  // A checked-out connection whose backend dies emits 'error' on the client (not on the pool):
  // without a listener that would end the process. Its locks are gone with it: never hand on.
  const listening = new WeakSet<pg.PoolClient>();
  const lost = new WeakSet<pg.PoolClient>();

  async function lock(key: string, slot: number): Promise<pg.PoolClient> {
    const conn = await pool.connect();
    if (!listening.has(conn)) {
      listening.add(conn);
      conn.on('error', (err) => {
        lost.add(conn);
        onIdleError(err);
      });
    }
    try {
      await conn.query(LOCK, [key, slot]);
      return conn;
    } catch (err) {
      conn.release(err as Error);
      throw err;
    }
  }

  /** Unlocks; a connection that cannot is dropped, which releases its locks just the same. */
  async function unlock(conn: pg.PoolClient, key: string, slot: number): Promise<void> {
    try {
      await conn.query(UNLOCK, [key, slot]);
      conn.release();
    } catch (err) {
      conn.release(err as Error);
    }
  }

  const scopes = new Map<string, CallSlots>();
  /** Per scope: lets go of the cluster slots it keeps while idle (for `close`). */
  const lingering = new Set<() => Promise<unknown>>();

  function forScope(scope: string): CallSlots {
    const existing = scopes.get(scope);
    if (existing) return existing;
    const lanes = new Map<string, Lane>();
    const lane = (api: string): Lane => {
      let l = lanes.get(api);
      if (!l) {
        const free = Array.from({ length: maxInFlight }, (_, i) => maxInFlight - 1 - i);
        const held = Array.from({ length: maxInFlight }, () => null);
        lanes.set(api, (l = { active: 0, peak: 0, free, held, waiters: [] }));
      }
      return l;
    };
    const acquire = (l: Lane): Promise<number> | number => {
      const slot = l.free.pop();
      if (slot === undefined) return new Promise<number>((resolve) => l.waiters.push(resolve));
      l.active++;
      l.peak = Math.max(l.peak, l.active);
      return slot;
    };
    // Straight to the next local waiter, so `active` never dips and lets a newcomer in first.
    const release = (l: Lane, slot: number) => {
      const next = l.waiters.shift();
      if (next) next(slot);
      else {
        l.active--;
        l.free.push(slot);
      }
    };
    /**
     * After a call: a local caller waiting gets the cluster slot as it is (no round trip to
     * PostgreSQL and back, which would cost a busy process more than the call itself) until the
     * slot has been held `holdMs`; then it is unlocked, and the processes queued for it in
     * PostgreSQL come first.
     */
    const done = (l: Lane, key: string, slot: number) => {
      const held = l.held[slot];
      if (held && !lost.has(held.conn) && now() - held.since < holdMs) {
        if (l.waiters.length === 0) linger(l, key, slot, held);
        release(l, slot);
        return;
      }
      l.held[slot] = null;
      if (!held) release(l, slot);
      else void unlock(held.conn, key, slot).finally(() => release(l, slot));
    };
    /** Unlocks a free slot's cluster slot after `lingerMs` unless a call of ours took it again. */
    const linger = (l: Lane, key: string, slot: number, held: Held) => {
      held.timer = setTimeout(() => {
        held.timer = undefined;
        letGo(l, key, slot, held);
      }, lingerMs);
      held.timer.unref();
    };
    const letGo = (l: Lane, key: string, slot: number, held: Held): Promise<void> | undefined => {
      const at = l.free.indexOf(slot);
      // In use again (its caller unlocks or hands it on when done), or already let go.
      if (l.held[slot] !== held || at === -1) return;
      l.free.splice(at, 1);
      l.held[slot] = null;
      // Counted as in use while it unlocks, so `release` hands it to a waiter or frees it.
      l.active++;
      return unlock(held.conn, key, slot).finally(() => release(l, slot));
    };
    lingering.add(() =>
      Promise.all(
        [...lanes].flatMap(([api, l]) =>
          l.held.map((h, slot) => {
            if (!h) return undefined;
            clearTimeout(h.timer);
            return letGo(l, `${scope}\n${api}`, slot, h);
          }),
        ),
      ),
    );

    const slots: CallSlots = {
      concurrency: maxInFlight,
      async run(api, fn) {
        const l = lane(api);
        const slot = await acquire(l);
        if (exempt.has(api)) {
          try {
            return await fn();
          } finally {
            release(l, slot);
          }
        }
        const key = `${scope}\n${api}`;
        const kept = l.held[slot];
        if (kept) {
          clearTimeout(kept.timer);
          kept.timer = undefined;
          // Its connection died while the slot lingered: the lock went with it.
          if (lost.has(kept.conn)) {
            l.held[slot] = null;
            kept.conn.release(new Error('provider call slot connection lost'));
          }
        }
        if (!l.held[slot]) {
          try {
            l.held[slot] = { conn: await lock(key, slot), since: now() };
          } catch (err) {
            release(l, slot);
            throw err;
          }
        }
        try {
          return await fn();
        } finally {
          // The caller has its answer now; the cluster slot is handed on or unlocked after.
          done(l, key, slot);
        }
      },
      inFlight: (api) => lanes.get(api)?.active ?? 0,
      peak: (api) => lanes.get(api)?.peak ?? 0,
    };
    scopes.set(scope, slots);
    return slots;
  }

  return {
    maxInFlight,
    forScope,
    async close() {
      await Promise.all([...lingering].map((letGoAll) => letGoAll()));
      await pool.end();
    },
  };
}

/**
 * Cluster slots for a PostgreSQL database: a pool of its own (a slot holds its connection for
 * the length of one provider call, which must not starve the request path's pool), connected
 * like the database's. Null for the embedded database.
 */
export function clusterSlotsFor(
  database: Database,
  maxInFlight: number,
  opts: Pick<ClusterSlotOptions, 'exempt' | 'holdMs' | 'log'> = {},
): ClusterSlots | null {
  if (database.kind !== 'postgres') return null;
  const main = (database.db as unknown as { $client?: unknown }).$client;
  if (!(main instanceof pg.Pool)) return null;
  const { connectionString, host, port, user, password, database: name, ssl } = main.options;
  const pool = new pg.Pool({
    ...(connectionString ? { connectionString } : { host, port, user, password, database: name }),
    ...(ssl === undefined ? {} : { ssl }),
    // One connection per slot of each API in use at once (a send and a sync read side by side),
    // idle ones closed soon: at rest a process holds none.
    max: Math.min(2 * maxInFlight, 20),
    idleTimeoutMillis: 10_000,
  });
  return createClusterSlots({ pool, maxInFlight, ...opts });
}
