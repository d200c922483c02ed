import type { Clock } from './clock';

/** APIs WeCom does not count against the base frequency limit (reference §9). */
const FREQ_EXEMPT = new Set(['message/send', 'auth/getuserinfo']);

interface Window {
  minuteStart: number;
  minuteCount: number;
  hourStart: number;
  hourCount: number;
  blockedUntil: number;
}

export interface LimitSettings {
  /** In-flight requests per API before 45033; 0 = off. */
  concurrency: number;
  /** Calls per API per minute before 45009. */
  perMinute: number;
  /** Calls per API per hour before 45009. */
  perHour: number;
}

/**
 * Per-corp, per-API limits: concurrency (45033, "会对同一个企业调用同一个接口做并发数的限制") and
 * frequency (45009; once exceeded the API stays blocked for the rest of the window, 60 s / 60 min).
 */
export function createLimits(clock: Clock, initial: LimitSettings) {
  const settings = { ...initial };
  const inFlight = new Map<string, number>();
  // Requests being handled per API, refused ones included, and the highest such count seen: what
  // a client sent at once, whatever the limit let through (tests and benches read it).
  const arrived = new Map<string, number>();
  const peaks = new Map<string, number>();
  const windows = new Map<string, Window>();

  function enter(api: string): boolean {
    const now = (arrived.get(api) ?? 0) + 1;
    arrived.set(api, now);
    if (now > (peaks.get(api) ?? 0)) peaks.set(api, now);
    const current = inFlight.get(api) ?? 0;
    if (settings.concurrency > 0 && current >= settings.concurrency) return false;
    inFlight.set(api, current + 1);
    return true;
  }

  /** Ends a request `enter` counted; `entered` is what enter answered. */
  function leave(api: string, entered = true): void {
    arrived.set(api, Math.max(0, (arrived.get(api) ?? 1) - 1));
    if (!entered) return;
    inFlight.set(api, Math.max(0, (inFlight.get(api) ?? 1) - 1));
  }

  /** Counts the call; false when it is over the limit. `debug=1` calls get their own 5/min budget. */
  function allow(api: string, debug: boolean): boolean {
    if (FREQ_EXEMPT.has(api)) return true;
    const now = clock.now();
    const id = debug ? `${api}#debug` : api;
    let w = windows.get(id);
    if (!w) {
      w = { minuteStart: now, minuteCount: 0, hourStart: now, hourCount: 0, blockedUntil: 0 };
      windows.set(id, w);
    }
    if (now < w.blockedUntil) return false;
    if (now - w.minuteStart >= 60_000) Object.assign(w, { minuteStart: now, minuteCount: 0 });
    if (now - w.hourStart >= 3_600_000) Object.assign(w, { hourStart: now, hourCount: 0 });
    w.minuteCount++;
    w.hourCount++;
    if (w.minuteCount > (debug ? 5 : settings.perMinute)) {
      w.blockedUntil = w.minuteStart + 60_000;
      return false;
    }
    if (w.hourCount > settings.perHour) {
      w.blockedUntil = w.hourStart + 3_600_000;
      return false;
    }
    return true;
  }

  return {
    settings,
    enter,
    leave,
    allow,
    inFlight: (api: string): number => inFlight.get(api) ?? 0,
    /** Highest number of requests to `api` handled at once (refused ones included) since reset. */
    peakInFlight: (api: string): number => peaks.get(api) ?? 0,
    resetPeaks(): void {
      peaks.clear();
    },
    resetWindows(): void {
      windows.clear();
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;
