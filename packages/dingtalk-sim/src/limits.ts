import type { Clock } from './clock';

export interface LimitSettings {
  /** Calls per interface per second before 90018; 0 = off. */
  qps: number;
  /** Calls per interface per minute before 90006; 0 = off. */
  perMinute: number;
}

/**
 * Per-app, per-interface rate limits as sliding windows over arrivals: more than `qps` calls of
 * one interface within any 1,000 ms answers 90018; more than `perMinute` within 60 s, 90006.
 * Refused calls do not count. `peak` is the most arrivals seen in any 1,000 ms (refused included):
 * what a client sent, whatever the limit let through.
 */
export function createLimits(clock: Clock, initial: LimitSettings) {
  const settings = { ...initial };
  const accepted = new Map<string, number[]>();
  const arrivals = new Map<string, number[]>();
  const peaks = new Map<string, number>();

  const within = (list: number[], since: number) => {
    let i = 0;
    while (i < list.length && (list[i] ?? 0) <= since) i++;
    return list.length - i;
  };

  function admit(api: string): 'ok' | 'qps' | 'minute' {
    const now = clock.now();
    const seen = arrivals.get(api) ?? [];
    seen.push(now);
    while (seen.length > 0 && (seen[0] ?? 0) <= now - 1_000) seen.shift();
    arrivals.set(api, seen);
    peaks.set(api, Math.max(peaks.get(api) ?? 0, seen.length));
    const list = accepted.get(api) ?? [];
    while (list.length > 0 && (list[0] ?? 0) <= now - 60_000) list.shift();
    accepted.set(api, list);
    if (settings.qps > 0 && within(list, now - 1_000) >= settings.qps) return 'qps';
    if (settings.perMinute > 0 && list.length >= settings.perMinute) return 'minute';
    list.push(now);
    return 'ok';
  }

  return {
    settings,
    admit,
    peak: (api: string) => peaks.get(api) ?? 0,
    peaks: () => Object.fromEntries(peaks),
    reset(): void {
      accepted.clear();
      arrivals.clear();
      peaks.clear();
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;
