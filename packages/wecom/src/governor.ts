/**
 * Concurrency and retry policy for WeCom calls.
 *
 * WeCom limits concurrent calls per corp and API (45033, about 5 for some APIs — reference §9), so
 * every call takes a slot of a per-(corp, API) semaphore. Slots are process-wide (see
 * {@link sharedGovernor}) because a server may build several clients for one corp (app secret and
 * contacts-sync secret, or one client per request); per-client slots would multiply the limit.
 */

export interface RetryPolicy {
  /** Attempts in total, including the first (token refresh retries are not counted). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry is started when it would end after this much time since the first attempt. */
  maxTotalMs: number;
  /**
   * 45033 (too many calls of this API in flight for the corp): WeCom did not act, and a slot frees
   * within one call's time, so these answers have a budget of their own — attempts in total, from
   * a short first delay — still bounded by maxTotalMs. They come from callers this process does
   * not govern (another app of the corp, or WECOM_MAX_IN_FLIGHT above the corp's real limit).
   */
  busyAttempts: number;
  busyBaseDelayMs: number;
  busyMaxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
  busyAttempts: 12,
  busyBaseDelayMs: 50,
  busyMaxDelayMs: 1_000,
};

export { backoffDelay } from '@orgbridge/provider-kit';

export interface Governor {
  readonly concurrency: number;
  /** Runs fn while holding one of the `concurrency` slots of `api`; waiters are served FIFO. */
  run<T>(api: string, fn: () => Promise<T>): Promise<T>;
  /** Requests currently holding a slot of `api`. */
  inFlight(api: string): number;
  /** Highest simultaneous slot use of `api` seen so far. */
  peak(api: string): number;
}

interface Lane {
  active: number;
  peak: number;
  waiters: Array<() => void>;
}

export function createGovernor(concurrency: number): Governor {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const lanes = new Map<string, Lane>();
  const lane = (api: string): Lane => {
    let l = lanes.get(api);
    if (!l) lanes.set(api, (l = { active: 0, peak: 0, waiters: [] }));
    return l;
  };

  return {
    concurrency,
    async run(api, fn) {
      const l = lane(api);
      if (l.active >= concurrency) await new Promise<void>((resolve) => l.waiters.push(resolve));
      else l.active++;
      l.peak = Math.max(l.peak, l.active);
      try {
        return await fn();
      } finally {
        // Hand the slot straight to the next waiter so `active` never dips and lets a newcomer in.
        const next = l.waiters.shift();
        if (next) next();
        else l.active--;
      }
    },
    inFlight: (api) => lanes.get(api)?.active ?? 0,
    peak: (api) => lanes.get(api)?.peak ?? 0,
  };
}

const shared = new Map<string, Governor>();

/**
 * The process-wide governor for one corp at one API base. Clients with a different `concurrency`
 * get their own lanes (the key includes it), so a deliberate override is honoured.
 */
export function sharedGovernor(apiBase: string, corpId: string, concurrency: number): Governor {
  const key = `${apiBase}\n${corpId}\n${concurrency}`;
  let g = shared.get(key);
  if (!g) shared.set(key, (g = createGovernor(concurrency)));
  return g;
}
