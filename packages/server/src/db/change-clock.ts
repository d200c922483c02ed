import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * A counter that moves whenever a statement may have changed a row that the request path reads
 * on every call (sessions and their users, tenant memberships, WeCom configs). Caches keep what
 * they read together with the value the counter had before reading, and trust it only while the
 * counter has not moved (lib/read-cache.ts).
 *
 * On the embedded database (below) its one owning process sees every statement, so nothing can
 * change behind the counter's back. On PostgreSQL other processes write too: there the counter
 * also moves on their notifications (db/change-clock-pg.ts).
 */
export interface ChangeClock {
  now(): number;
}

/** Tables whose changes invalidate the request-path caches (and that notify on PostgreSQL). */
export const WATCHED = new Set([
  'sessions',
  'users',
  'memberships',
  'tenants',
  'third_app_configs',
  'api_keys',
]);

// The tables a statement writes (or alters): every INSERT/UPDATE/DELETE target, data-modifying
// CTEs included, and DDL. `for update` row locks capture a non-table word and are ignored.
const TARGET =
  /\b(?:insert\s+into|update|delete\s+from|merge\s+into|(?:alter|drop|create)\s+table(?:\s+if\s+(?:not\s+)?exists)?|copy)\s+(?:only\s+)?((?:"[^"]+"|\w+)(?:\s*\.\s*(?:"[^"]+"|\w+))?)/gi;
// Statements whose effects cannot be read from their text: anonymous blocks, procedures,
// prepared statements, TRUNCATE (it takes a list) and schema drops. Drizzle never writes these
// on the request path.
const OPAQUE = /^\s*(?:do|call|prepare|execute)\b|\btruncate\b|\bdrop\s+schema\b/i;
// Comments go first, so that none can separate a keyword from its table.
const COMMENTS = /--[^\n]*|\/\*[\s\S]*?\*\//g;

/** Whether `text` (one or several statements) may change a watched table. */
export function touchesWatched(sqlText: string): boolean {
  const text = sqlText.replace(COMMENTS, ' ');
  if (OPAQUE.test(text)) return true;
  for (const m of text.matchAll(TARGET)) {
    const name = m[1]!.split('.').pop()!.trim().replace(/"/g, '').toLowerCase();
    if (WATCHED.has(name)) return true;
  }
  return false;
}

const clocks = new WeakMap<PGlite, ChangeClock>();

/**
 * Wraps the client's `query`, `exec` and `transaction` (and the transaction object handed to the
 * callback) so that every statement writing a watched table moves the clock once it has run,
 * and once more when its transaction ends. One clock per client, however often it is opened.
 */
export function watchWrites(client: PGlite): ChangeClock {
  const existing = clocks.get(client);
  if (existing) return existing;
  let version = 0;
  const clock: ChangeClock = { now: () => version };
  const bump = () => {
    version += 1;
  };

  // The clock moves before a watched write is sent (a read that began earlier, even one that
  // ends while the write is under way, is not kept) and again once it has run.
  function observed<F extends (text: string, ...rest: never[]) => Promise<unknown>>(
    run: F,
    onWrite: () => void,
  ): F {
    return (async (text: string, ...rest: never[]) => {
      if (!touchesWatched(text)) return run(text, ...rest);
      onWrite();
      try {
        return await run(text, ...rest);
      } finally {
        onWrite();
      }
    }) as F;
  }

  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = observed(query, bump) as PGlite['query'];
  client.exec = observed(exec, bump) as PGlite['exec'];
  client.transaction = async <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> => {
    let wrote = false;
    const mark = () => {
      wrote = true;
      bump();
    };
    try {
      return await transaction((tx) =>
        callback(
          Object.assign(Object.create(tx) as Transaction, {
            query: observed(tx.query.bind(tx), mark),
            exec: observed(tx.exec.bind(tx), mark),
            // PGlite's tx.sql runs its statement without going through tx.query.
            sql: () => Promise.reject(new Error('tx.sql is not observed: use tx.query')),
          }),
        ),
      );
    } finally {
      if (wrote) bump();
    }
  };
  clocks.set(client, clock);
  return clock;
}
