import type { PGlite } from '@electric-sql/pglite';
import {
  DatabaseUnavailableError,
  classifyDbUnavailable,
  type DbUnavailable,
} from '../lib/pg-error';
import { fallbackLog, type Log } from '../lib/log';

/**
 * Keeps the embedded engine out of service after a PANIC, and reopens it from DATA_DIR.
 *
 * Measured (issue 13, disk full on a 64 MB tmpfs): when PostgreSQL cannot create its next WAL
 * segment ("could not write to file pg_wal/xlogtemp.N: No space left on device") it reports a
 * PANIC. A real server would restart; PGlite returns the error and stays up, and the next
 * statement never comes back: `perf` shows 98 % of the CPU inside one WASM function under
 * `execProtocolRawSync`, no system calls, the event loop blocked for good (no request, no timer,
 * no SIGTERM handler runs; freeing space does not help). A clean ERROR such as "could not extend
 * file" (53100) leaves the engine usable and needs nothing here.
 *
 * So, after a PANIC, nothing enters that engine again: every statement fails at once with
 * DatabaseUnavailableError (503 db.storage / db.unavailable), the engine is closed (that call
 * does not enter the main loop) and a fresh one is opened from DATA_DIR — crash recovery replays
 * the WAL — every `reopenDelayMs`, growing to 30 s, until it opens (it cannot while the disk is
 * still full). Callers hold `client`, a stand-in that forwards every access to the engine of the
 * moment; properties set on it are kept on the stand-in and so survive a reopen. What was
 * registered with the old engine (a LISTEN) is registered again by `reopened`.
 */
export interface GuardedPglite {
  /** Forwards to the current engine; `instanceof PGlite` holds. */
  client: PGlite;
  /** Why the engine is out of service, or null when it serves. */
  unavailable(): DbUnavailable | null;
  close(): Promise<void>;
}

export interface GuardOptions {
  /** Opens the engine on DATA_DIR; absent for an engine handed in (it cannot be reopened). */
  reopen?: () => Promise<PGlite>;
  reopenDelayMs?: number;
  /** Called once a reopened engine serves (db/changes.ts listens again; caches start over). */
  reopened?: () => Promise<void>;
  log?: Log;
}

type Exec = (message: Uint8Array, ...rest: unknown[]) => unknown;

/** The protocol's Terminate message ('X'): PGlite answers it without entering the engine. */
const TERMINATE = 0x58;
const MAX_REOPEN_DELAY_MS = 30_000;

export function guardPglite(first: PGlite, opts: GuardOptions = {}): GuardedPglite {
  const log = opts.log ?? fallbackLog();
  let current = first;
  let broken: DbUnavailable | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = opts.reopenDelayMs ?? 1_000;

  function install(engine: PGlite): void {
    const e = engine as unknown as Record<string, Exec>;
    const rawSync = e.execProtocolRawSync!.bind(engine);
    e.execProtocolRawSync = (message, ...rest) => {
      if (broken && engine === current && message[0] !== TERMINATE) {
        throw new DatabaseUnavailableError(broken.cause, broken.detail);
      }
      return rawSync(message, ...rest);
    };
    for (const name of ['execProtocol', 'execProtocolStream'] as const) {
      const run = e[name]!.bind(engine);
      e[name] = async (...args: Parameters<Exec>) => {
        try {
          return await run(...args);
        } catch (err) {
          if ((err as { severity?: unknown }).severity === 'PANIC' && engine === current) {
            outOfService(err);
          }
          throw err;
        }
      };
    }
  }

  function outOfService(err: unknown): void {
    if (broken) return;
    broken = classifyDbUnavailable(err) ?? { cause: 'io', detail: String(err) };
    log.error(
      { cause: broken.cause, detail: broken.detail },
      `embedded database PANIC (${broken.detail}): out of service until reopened from DATA_DIR` +
        (opts.reopen ? '' : ' (this engine cannot be reopened: restart the server)'),
    );
    const old = current;
    void old.close().catch(() => {});
    if (opts.reopen) schedule();
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => void attempt(), delay);
    delay = Math.min(delay * 2, MAX_REOPEN_DELAY_MS);
  }

  async function attempt(): Promise<void> {
    timer = undefined;
    let engine: PGlite;
    try {
      engine = await opts.reopen!();
    } catch (err) {
      log.warn({ err }, 'embedded database reopen failed; retrying');
      return schedule();
    }
    if (closed) return void engine.close().catch(() => {});
    install(engine);
    current = engine;
    broken = null;
    delay = opts.reopenDelayMs ?? 1_000;
    await opts
      .reopened?.()
      .catch((err: unknown) =>
        log.warn({ err }, 'embedded database reopened, but listening for changes failed'),
      );
    log.info({}, 'embedded database reopened from DATA_DIR: serving again');
  }

  install(first);
  /** One forwarding function per member, made once: it calls the engine of the moment. */
  const forwarders = new Map<PropertyKey, unknown>();
  const kept = new Map<PropertyKey, unknown>();
  const client = new Proxy(first, {
    get(_target, key) {
      if (kept.has(key)) return kept.get(key);
      const value = Reflect.get(current, key, current) as unknown;
      if (typeof value !== 'function') return value;
      let forward = forwarders.get(key);
      if (!forward) {
        forward = (...args: unknown[]) => {
          // Out of service: fail at once, not with the closed engine's "PGlite is closed".
          if (broken)
            return Promise.reject(new DatabaseUnavailableError(broken.cause, broken.detail));
          const fn = Reflect.get(current, key, current) as (...a: unknown[]) => unknown;
          return fn.apply(current, args);
        };
        forwarders.set(key, forward);
      }
      return forward;
    },
    set(_target, key, value) {
      kept.set(key, value);
      return true;
    },
  });

  return {
    client,
    unavailable: () => broken,
    async close() {
      closed = true;
      clearTimeout(timer);
      if (!current.closed) await current.close();
    },
  };
}
