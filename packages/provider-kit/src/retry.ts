/**
 * The retry loop under every provider's request loop: token refresh once, backoff, attempt
 * budgets. What an answer means (its error, whether it calls for a new token, whether it is a
 * refusal with a budget of its own) is the provider's and comes in as functions.
 */

/** What the loop reads of a provider's error. */
export interface RetryableError {
  retryable: boolean;
  /** The request may have reached the provider and acted. */
  uncertain: boolean;
  kind: string;
}

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryLimits extends BackoffPolicy {
  maxAttempts: number;
  maxTotalMs: number;
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryLoop<E extends RetryableError> {
  limits: RetryLimits;
  /** Refusals where the provider did not act and that have a budget (and backoff) of their own. */
  separate: { isHit(err: E): boolean; attempts: number } & BackoffPolicy;
  /** Safe to repeat when the outcome of an attempt is unknown. */
  idempotent: boolean;
  /** The token for the next attempt (undefined: the call needs none). */
  token(): Promise<string | undefined>;
  /** One attempt: the answer's body, or throws (a provider error is recognised by `isError`). */
  attempt(token: string | undefined): Promise<Record<string, unknown>>;
  isError(err: unknown): err is E;
  /** The error asks for a new token: `token` is invalidated and the call retried once. */
  wantsNewToken(err: E, token: string | undefined): boolean;
  invalidate(token: string): Promise<void>;
  onError?: (err: E) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function mayRetry(err: RetryableError, idempotent: boolean): boolean {
  if (!err.retryable || err.kind === 'token') return false;
  return idempotent || !err.uncertain;
}

export async function runWithRetry<E extends RetryableError>(
  loop: RetryLoop<E>,
): Promise<Record<string, unknown>> {
  const sleep = loop.sleep ?? defaultSleep;
  const start = Date.now();
  let attempts = 0;
  let hits = 0;
  let refreshed = false;
  for (;;) {
    attempts++;
    const token = await loop.token();
    let error: E;
    try {
      return await loop.attempt(token);
    } catch (err) {
      if (!loop.isError(err)) throw err;
      error = err;
    }
    loop.onError?.(error);
    if (token !== undefined && !refreshed && loop.wantsNewToken(error, token)) {
      refreshed = true;
      attempts--;
      await loop.invalidate(token);
      continue;
    }
    if (!mayRetry(error, loop.idempotent)) throw error;
    let delay: number;
    if (loop.separate.isHit(error)) {
      attempts--;
      if (++hits >= loop.separate.attempts) throw error;
      delay = backoffDelay(hits, loop.separate, loop.random);
    } else {
      if (attempts >= loop.limits.maxAttempts) throw error;
      delay = backoffDelay(attempts, loop.limits, loop.random);
    }
    if (Date.now() - start + delay > loop.limits.maxTotalMs) throw error;
    await sleep(delay);
  }
}
