/**
 * Attempt throttling on the `login_attempts` table (every process sharing the database sees the
 * same counts). An attempt is counted under a key of the caller's choosing (a username, a user id)
 * *together with* the client address, and separately per address alone, so a stranger failing
 * from their own address never locks the owner out from another one (PRODUCT.md §7).
 */
import { and, count, eq, gt, min } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts, type AttemptKind } from '../db/schema';
import { AppError } from './errors';

export interface ThrottleLimits {
  windowMs: number;
  /** Failures per (key, address) in the window. */
  perKeyAndIp: number;
  /** Failures per address in the window, whatever the key. */
  perIp: number;
}

export interface Throttled {
  retryAfterSeconds: number;
}

export function createThrottle(db: Db, kind: AttemptKind, limits: ThrottleLimits) {
  const recent = (since: Date) =>
    and(
      eq(loginAttempts.kind, kind),
      eq(loginAttempts.succeeded, false),
      gt(loginAttempts.createdAt, since),
    );

  return {
    limits,

    /** Null when the attempt may go ahead; else how long until it may. */
    async check(key: string, ip: string): Promise<Throttled | null> {
      const since = new Date(Date.now() - limits.windowMs);
      const [byKey] = await db
        .select({ n: count(), oldest: min(loginAttempts.createdAt) })
        .from(loginAttempts)
        .where(
          and(
            recent(since),
            eq(loginAttempts.username, key.toLowerCase()),
            eq(loginAttempts.ip, ip),
          ),
        );
      const [byIp] = await db
        .select({ n: count(), oldest: min(loginAttempts.createdAt) })
        .from(loginAttempts)
        .where(and(recent(since), eq(loginAttempts.ip, ip)));
      const hit = byKey!.n >= limits.perKeyAndIp ? byKey! : byIp!.n >= limits.perIp ? byIp! : null;
      if (!hit) return null;
      const oldest = hit.oldest ? new Date(hit.oldest).getTime() : Date.now();
      return {
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + limits.windowMs - Date.now()) / 1000)),
      };
    },

    async record(key: string, ip: string, succeeded: boolean): Promise<void> {
      await db.insert(loginAttempts).values({ kind, username: key.toLowerCase(), ip, succeeded });
    },

    /** Forgets the failures of `key` from `ip` (after a success there). */
    async clear(key: string, ip: string): Promise<void> {
      await db
        .delete(loginAttempts)
        .where(
          and(
            eq(loginAttempts.kind, kind),
            eq(loginAttempts.username, key.toLowerCase()),
            eq(loginAttempts.ip, ip),
            eq(loginAttempts.succeeded, false),
          ),
        );
    },
  };
}
export type Throttle = ReturnType<typeof createThrottle>;

/** The 429 every throttled endpoint answers; `what` says what was tried too often. */
export function tooManyAttempts(code: string, what: string, t: Throttled): AppError {
  const minutes = Math.ceil(t.retryAfterSeconds / 60);
  return new AppError(
    code,
    429,
    `Too many ${what} from this address. Try again in ${minutes} minute(s).`,
    { retryAfterSeconds: t.retryAfterSeconds, minutes },
  );
}
