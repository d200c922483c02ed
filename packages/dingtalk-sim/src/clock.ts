export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Moves simulated time forward (token expiry, code TTL, daily limits). */
  advance(ms: number): void;
  reset(): void;
}

export function createClock(base: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => void (offset += ms),
    reset: () => void (offset = 0),
  };
}

/** The calendar day (UTC+8, DingTalk's) of an epoch-ms instant, for once-a-day limits. */
export const chinaDay = (ms: number): number => Math.floor((ms + 8 * 3_600_000) / 86_400_000);
