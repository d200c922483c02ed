import { DrizzleQueryError } from 'drizzle-orm';
import { WeComError } from '@orgbridge/wecom';
import { ConnectorError } from '../connectors/kit';
export interface PgLikeError {
  code: string;
  constraint?: string;
}

/** Drizzle wraps driver errors; PGlite and node-postgres both expose SQLSTATE as `code`. */
export function findPgError(err: unknown): PgLikeError | undefined {
  let e = err as { cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgLikeError;
    e = e.cause as { cause?: unknown } | undefined;
  }
  return undefined;
}

/**
 * What a failed query says, for people: the query layer (DrizzleQueryError) words its error as
 * "Failed query: <the SQL> params: <every bound value>" — statements and values (password hashes,
 * phones, account ids) that must not reach a response, a run item or an export — so the
 * message is the underlying cause's (the database's own words).
 */
export function faultMessage(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e instanceof DrizzleQueryError && depth < 5; depth++) e = e.cause;
  return String((e as Error | undefined)?.message ?? e);
}

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const pg = findPgError(err);
  return pg?.code === '23505' && pg.constraint === constraint;
}

/** Why the database cannot serve: the cause an operator acts on. */
export type DbUnavailableCause =
  | 'unreachable' // no connection: refused, reset, timed out, unknown host, dropped
  | 'shutting_down' // the server is stopping, restarting or recovering (57P01/57P02/57P03)
  | 'resources' // out of memory or connections (class 53 but 53100)
  | 'storage_full' // 53100, ENOSPC: the disk holding the data is full
  | 'io'; // class 58, EIO, a PANIC of the embedded engine: the storage failed

export interface DbUnavailable {
  cause: DbUnavailableCause;
  /** The driver's own words (no SQL, no values): "connect ECONNREFUSED 127.0.0.1:5432". */
  detail: string;
}

/**
 * Thrown by the embedded database while its engine is out of service (db/embedded-guard.ts):
 * after a PANIC the engine must not be entered again until it has been reopened.
 */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly reason: DbUnavailableCause,
    readonly detail: string,
  ) {
    super(`database unavailable (${reason}): ${detail}`);
    this.name = 'DatabaseUnavailableError';
  }
}

const NODE_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** node-postgres's own errors carry no code, only these sentences. */
const NODE_PG_MESSAGES =
  /Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|PGlite is closed/;

function classifySqlState(code: string, message: string): DbUnavailableCause | null {
  if (code === '53100') return 'storage_full';
  if (code.startsWith('08')) return 'unreachable';
  if (code === '57P01' || code === '57P02' || code === '57P03') return 'shutting_down';
  if (code.startsWith('53')) return 'resources';
  if (code.startsWith('58')) return /no space left/i.test(message) ? 'storage_full' : 'io';
  // `alter database … allow_connections false`, and a database being dropped or renamed.
  if (code === '55000' && /not currently accepting connections/.test(message)) return 'unreachable';
  if (code === '3D000') return 'unreachable';
  return null;
}

/**
 * Whether `err` says the database cannot serve at all (rather than refusing this statement),
 * and why. Walks Drizzle's `cause` chain like findPgError.
 */
export function classifyDbUnavailable(err: unknown): DbUnavailable | null {
  let e = err as { cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof DatabaseUnavailableError) return { cause: e.reason, detail: e.detail };
    // A provider's network failure (its cause may be ECONNREFUSED too) is not the database's.
    if (e instanceof ConnectorError || e instanceof WeComError) return null;
    const { code, message, severity } = e as {
      code?: unknown;
      message?: unknown;
      severity?: unknown;
    };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string') {
      if (NODE_CONNECTION_CODES.has(code)) return { cause: 'unreachable', detail: text || code };
      if (code === 'ENOSPC') return { cause: 'storage_full', detail: text || code };
      if (code === 'EIO' || code === 'EROFS') return { cause: 'io', detail: text || code };
      if (/^[0-9A-Z]{5}$/.test(code)) {
        const cause = classifySqlState(code, text);
        if (cause) return { cause, detail: text };
        // The embedded engine reports a storage failure inside a critical section as PANIC.
        if (severity === 'PANIC') return { cause: 'io', detail: text };
      }
    }
    if (NODE_PG_MESSAGES.test(text)) return { cause: 'unreachable', detail: text };
    e = e.cause as { cause?: unknown } | undefined;
  }
  return null;
}
