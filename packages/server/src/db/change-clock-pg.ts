import pg from 'pg';
import { touchesWatched, WATCHED, type ChangeClock } from './change-clock';
import { fallbackLog } from '../lib/log';

/** The triggers are not there yet (the database is not migrated). */
class NotYet extends Error {}

/** The channel drizzle/0011_change_notify.sql's triggers notify on. */
export const CHANGES_CHANNEL = 'orgbridge_changes';

/** The LISTEN connection's application_name (pg_stat_activity). */
export const LISTENER_NAME = 'orgbridge-change-listener';

export interface PgChangeClock extends ChangeClock {
  /** True while the clock hears every process's writes (its LISTEN connection is up). */
  listening(): boolean;
  /** Also moves around the writes of another pool of this process. */
  observe(pool: pg.Pool): void;
  close(): Promise<void>;
}

export interface PgChangeClockOptions {
  /**
   * The clock moves at least this often, so that a value read by this process is never kept
   * longer even if a notification were lost without the connection reporting it.
   */
  maxStalenessMs?: number;
  /**
   * First wait before listening again after the LISTEN connection was lost or could not be
   * opened; it doubles on each failed attempt up to `maxRetryMs`, and starts over once listening.
   */
  retryMs?: number;
  maxRetryMs?: number;
  onError?: (err: unknown) => void;
}

type Query = (...args: unknown[]) => unknown;

/**
 * The change clock of db/change-clock.ts for PostgreSQL, where several processes write.
 *
 * - Other processes: every statement writing a watched table fires a trigger that notifies
 *   `orgbridge_changes` when it commits; this process LISTENs on a connection of its own and moves
 *   the clock on each notification. A value read just before another process's commit can be
 *   served until its notification arrives (milliseconds on one network), and never longer than
 *   `maxStalenessMs`.
 * - This process: a notification only arrives after the writer's commit, so the pool's own
 *   writes also move the clock directly, before and after the statement, and once more when
 *   their transaction ends — a sign-out applies to the very next request, as on the embedded
 *   database.
 * - Without the LISTEN connection (not yet up, lost, closed) the clock moves on every reading,
 *   so nothing is cached until it listens again.
 */
export function watchPostgres(
  pool: pg.Pool,
  connectionString: string,
  opts: PgChangeClockOptions = {},
): PgChangeClock {
  const maxStalenessMs = opts.maxStalenessMs ?? 1_000;
  const retryMs = opts.retryMs ?? 1_000;
  const maxRetryMs = Math.max(retryMs, opts.maxRetryMs ?? 10_000);
  let delay = retryMs;
  const onError =
    opts.onError ?? ((err: unknown) => fallbackLog().warn({ err }, 'PostgreSQL change listener'));
  let version = 0;
  let listening = false;
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const bump = () => {
    version += 1;
  };

  const observe = (p: pg.Pool) => p.on('connect', (client) => observeWrites(client, bump));
  observe(pool);

  /** `backOff`: a failure (not the expected wait for the migration) makes the next wait longer. */
  function lost(client: pg.Client, backOff = true) {
    if (listener !== client) return;
    listener = null;
    listening = false;
    bump();
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
    client.on('notification', bump);
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
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where t.tgname = c.relname || '_notify_change' and t.tgenabled <> 'D'
           and c.relname = any($1::text[])`,
        [[...WATCHED]],
      );
      if (rows[0]!.n < WATCHED.size) throw new NotYet();
    } catch (err) {
      const notYet = err instanceof NotYet;
      if (!notYet) onError(err);
      lost(client, !notYet);
      return;
    }
    if (listener !== client) return;
    // Whatever was cached before now may have missed a notification: every watched table counts
    // as changed (the clock moves), and only then does the clock stand still between writes.
    bump();
    delay = retryMs;
    listening = true;
  }
  void listen();

  const ttl = setInterval(bump, maxStalenessMs);
  ttl.unref();

  return {
    now: () => (listening ? version : ++version),
    listening: () => listening,
    observe,
    async close() {
      closed = true;
      listening = false;
      clearInterval(ttl);
      clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => {});
    },
  };
}

/** A top-level COMMIT or ROLLBACK (not ROLLBACK TO SAVEPOINT). */
const TRANSACTION_END = /^\s*(?:commit|end|abort|rollback(?!\s+to\b))\b/i;

/**
 * Moves the clock around each statement of `client` that writes a watched table (before, so a
 * read that began earlier is not kept; after, so one that raced it is not either), and when a
 * transaction that wrote one ends. Covers `pool.query` too: it runs on a pooled client.
 */
function observeWrites(client: pg.PoolClient, bump: () => void) {
  const query = client.query.bind(client) as Query;
  let wrote = false;
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') return query(...args);
    const writes = touchesWatched(text);
    const ends = wrote && TRANSACTION_END.test(text);
    if (!writes && !ends) return query(...args);
    wrote = writes;
    bump();
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...result: unknown[]) => {
        bump();
        (callback as (...r: unknown[]) => void)(...result);
      };
      return query(...args);
    }
    const out = query(...args);
    return out instanceof Promise ? out.finally(bump) : out;
  };
}
