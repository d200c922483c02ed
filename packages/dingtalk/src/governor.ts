/**
 * QPS pacing and retry policy for DingTalk calls.
 *
 * DingTalk limits each app's calls per interface per second by edition (standard 20, professional
 * 40, dedicated 60 — answered with 90018) and per minute (90006; 1,500 observed). This is a rate,
 * counted where DingTalk receives the call, which is somewhere between our start and our answer.
 * So a call holds a slot from its start until one window after its answer: at most `limit` calls
 * are in flight or answered within the last window. Whatever the network delays, two calls
 * DingTalk could count in one window hold slots at the same time — the limit holds without
 * guessing a jitter margin (`marginMs` only covers timer granularity). Lanes are process-wide per
 * (API bases, AppKey) through {@link sharedGovernor}.
 */

export interface RetryPolicy {
  /** Attempts in total, including the first (token refresh retries are not counted). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started when it would end after this much time since the first attempt. */
  maxTotalMs: number;
  /** Rate refusals (90018…) come from callers this process does not govern: own budget. */
  rateAttempts: number;
  rateBaseDelayMs: number;
  rateMaxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
  rateAttempts: 10,
  rateBaseDelayMs: 250,
  rateMaxDelayMs: 2_000,
};

export { backoffDelay } from '@orgbridge/provider-kit';

export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface Governor {
  readonly windows: readonly RateWindow[];
  /** Runs fn once the call may start under every window of `api`; waiters are served FIFO. */
  run<T>(api: string, fn: () => Promise<T>): Promise<T>;
  /** Most calls of `api` started within any one of the first window's spans so far. */
  peak(api: string): number;
}

export interface GovernorOptions {
  /** Calls per second per interface (default 20, the standard edition). */
  qps?: number;
  /** Calls per minute per interface (default 1,500; 0 = none). */
  perMinute?: number;
  /** Added to every window (default 20 ms). */
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Lane {
  /** Calls started and not yet answered. */
  active: number;
  /** Answer times within the longest window, ascending. */
  ends: number[];
  /** Start times within the first window, for `peak`. */
  starts: number[];
  peak: number;
  /** FIFO: the next acquisition waits for this one. */
  tail: Promise<void>;
  /** Resolved when an in-flight call is answered. */
  wake: (() => void)[];
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createGovernor(opts: GovernorOptions = {}): Governor {
  const qps = opts.qps ?? 20;
  if (!Number.isInteger(qps) || qps < 1) {
    throw new RangeError(`qps must be a positive integer, got ${qps}`);
  }
  const margin = opts.marginMs ?? 20;
  const perMinute = opts.perMinute ?? 1_500;
  const windows: RateWindow[] = [{ limit: qps, windowMs: 1_000 + margin }];
  if (perMinute > 0) windows.push({ limit: perMinute, windowMs: 60_000 + margin });
  const longest = Math.max(...windows.map((w) => w.windowMs));
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const lanes = new Map<string, Lane>();

  const lane = (api: string): Lane => {
    let l = lanes.get(api);
    if (!l) {
      l = { active: 0, ends: [], starts: [], peak: 0, tail: Promise.resolve(), wake: [] };
      lanes.set(api, l);
    }
    return l;
  };

  /** 0 = may start now; a number = retry after that many ms; 'answer' = wait for an answer. */
  function waitFor(l: Lane, t: number): number | 'answer' {
    while (l.ends.length > 0 && (l.ends[0] ?? 0) <= t - longest) l.ends.shift();
    let wait = 0;
    for (const w of windows) {
      const recent = l.ends.filter((e) => e > t - w.windowMs);
      const excess = l.active + recent.length - w.limit + 1;
      if (excess <= 0) continue;
      // Every slot is held by a call still in flight: only an answer frees one.
      if (excess > recent.length) return 'answer';
      wait = Math.max(wait, (recent[excess - 1] ?? t) + w.windowMs - t);
    }
    return wait;
  }

  async function acquire(l: Lane): Promise<void> {
    const previous = l.tail;
    let release!: () => void;
    l.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      for (;;) {
        const t = now();
        const wait = waitFor(l, t);
        if (wait === 'answer') await new Promise<void>((r) => l.wake.push(r));
        else if (wait > 0) await sleep(wait);
        else {
          l.active++;
          l.starts.push(t);
          while ((l.starts[0] ?? t) <= t - 1_000) l.starts.shift();
          l.peak = Math.max(l.peak, l.starts.length);
          return;
        }
      }
    } finally {
      release();
    }
  }

  function done(l: Lane): void {
    l.active--;
    l.ends.push(now());
    for (const w of l.wake.splice(0)) w();
  }

  return {
    windows,
    async run(api, fn) {
      const l = lane(api);
      await acquire(l);
      try {
        return await fn();
      } finally {
        done(l);
      }
    },
    peak: (api) => lanes.get(api)?.peak ?? 0,
  };
}

const shared = new Map<string, Governor>();

/** The process-wide governor for one app at one API base and QPS. */
export function sharedGovernor(
  apiBase: string,
  appKey: string,
  qps: number,
  perMinute?: number,
): Governor {
  const key = `${apiBase}\n${appKey}\n${qps}\n${perMinute ?? ''}`;
  let g = shared.get(key);
  if (!g)
    shared.set(
      key,
      (g = createGovernor({ qps, ...(perMinute === undefined ? {} : { perMinute }) })),
    );
  return g;
}
