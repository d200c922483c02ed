export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Move simulated time forward (token expiry, code TTL, recall window, rate windows). */
  advance(ms: number): void;
  reset(): void;
}

export function createClock(base: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms;
    },
    reset: () => {
      offset = 0;
    },
  };
}
