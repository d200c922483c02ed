export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Moves simulated time forward (token expiry, code TTL, recall window, rate and daily limits). */
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
