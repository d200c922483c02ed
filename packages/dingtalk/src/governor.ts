/**
 * QPS pacing and retry policy for DingTalk calls.
 *
 * DingTalk limits each app's calls per interface per second by edition (standard 20, professional
 * 40, dedicated 60 — answered with 90018) and per minute (90006; 1,500 observed). Unlike WeCom's
 * in-flight limit this is a rate, so the governor is a sliding-window limiter: a call starts only
 * when fewer than `limit` calls of the same interface started within the window. The window is a
 * little longer than DingTalk's (`marginMs`) so network jitter between our start and DingTalk's
 * arrival cannot put two windows' calls into one of DingTalk's. Lanes are process-wide per
 * (API base, AppKey) through {@link sharedGovernor}.
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

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(
  attempt: number,
  policy: { baseDelayMs: number; maxDelayMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

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
  /** Added to every window (default 50 ms). */
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Lane {
  starts: number[];
  tail: Promise<void>;
  peak: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createGovernor(opts: GovernorOptions = {}): Governor {
  const qps = opts.qps ?? 20;
  if (!Number.isInteger(qps) || qps < 1) {
    throw new RangeError(`qps must be a positive integer, got ${qps}`);
  }
  const margin = opts.marginMs ?? 50;
  const perMinute = opts.perMinute ?? 1_500;
  const windows: RateWindow[] = [{ limit: qps, windowMs: 1_000 + margin }];
  if (perMinute > 0) windows.push({ limit: perMinute, windowMs: 60_000 + margin });
  const longest = Math.max(...windows.map((w) => w.windowMs));
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const lanes = new Map<string, Lane>();

  const lane = (api: string): Lane => {
    let l = lanes.get(api);
    if (!l) lanes.set(api, (l = { starts: [], tail: Promise.resolve(), peak: 0 }));
    return l;
  };

  /** How long until one more start fits every window (0 = now). */
  function waitFor(l: Lane, t: number): number {
    while (l.starts.length > 0 && (l.starts[0] ?? 0) <= t - longest) l.starts.shift();
    let wait = 0;
    for (const w of windows) {
      const inWindow = l.starts.filter((s) => s > t - w.windowMs);
      if (inWindow.length >= w.limit) {
        const oldest = inWindow[inWindow.length - w.limit] ?? t;
        wait = Math.max(wait, oldest + w.windowMs - t);
      }
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
        if (wait <= 0) {
          l.starts.push(t);
          const first = windows[0] as RateWindow;
          const recent = l.starts.filter((s) => s > t - first.windowMs + margin).length;
          l.peak = Math.max(l.peak, recent);
          return;
        }
        await sleep(wait);
      }
    } finally {
      release();
    }
  }

  return {
    windows,
    async run(api, fn) {
      await acquire(lane(api));
      return fn();
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
