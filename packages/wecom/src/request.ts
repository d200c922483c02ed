/**
 * The request loop shared by every endpoint: token, governor slot, HTTP, classification, retry.
 *
 * Retry rules:
 * - 40014/42001/41001: invalidate the token and retry once, outside the attempt budget.
 * - -1, 45009, 45033 (WeCom answered and did not act): backoff and retry, for every API; 45033
 *   (too many in flight) on a budget of its own (`busyAttempts`), as it clears within a call's time.
 * - timeouts, resets, unreadable bodies: retried only for idempotent calls. `message/send` is not
 *   idempotent — the message may already be delivered — so those surface as
 *   `WeComError{ uncertain: true }` and the caller decides (see api/message.ts).
 * - connection refused / DNS errors (request never left): retried for every API.
 * - everything else (permission, network-policy, input, wrong credentials): never retried.
 */
import { runWithRetry } from '@orgbridge/provider-kit';
import { TOKEN_REFRESH_CODES } from './errcodes';
import { WeComError } from './errors';
import type { Governor, RetryPolicy } from './governor';
import type { HttpRequest, Transport } from './http';
import type { TokenCache } from './token-cache';

export interface CallSpec extends HttpRequest {
  /** Whether the call needs access_token (everything but gettoken). */
  auth: boolean;
  /** Safe to repeat when the outcome of an attempt is unknown. */
  idempotent: boolean;
}

export interface Requester {
  call(spec: CallSpec): Promise<Record<string, unknown>>;
}

export interface RequesterDeps {
  transport: Transport;
  governor: Governor;
  retry: RetryPolicy;
  tokens: () => TokenCache;
  onRequest?: (api: string, ms: number, errcode: number) => void;
  onWarning?: (api: string, warning: string) => void;
  /** Every failed attempt, WeCom's refusals and local failures alike, before any retry. */
  onError?: (err: WeComError) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** API concurrency limit exceeded: retried on the `busyAttempts` budget. */
const BUSY = 45033;

export function createRequester(deps: RequesterDeps): Requester {
  /** One HTTP attempt inside a governor slot; `onRequest` gets the exchange time, not queueing. */
  async function attempt(spec: CallSpec, token: string | undefined) {
    return deps.governor.run(spec.api, async () => {
      const started = performance.now();
      try {
        const res = await deps.transport.send(spec, token);
        deps.onRequest?.(spec.api, performance.now() - started, res.errcode);
        return res;
      } catch (err) {
        const code = err instanceof WeComError ? err.errcode : -1;
        deps.onRequest?.(spec.api, performance.now() - started, code);
        throw err;
      }
    });
  }

  return {
    call(spec) {
      return runWithRetry<WeComError>({
        limits: deps.retry,
        separate: {
          isHit: (err) => err.errcode === BUSY,
          attempts: deps.retry.busyAttempts,
          baseDelayMs: deps.retry.busyBaseDelayMs,
          maxDelayMs: deps.retry.busyMaxDelayMs,
        },
        idempotent: spec.idempotent,
        token: async () => (spec.auth ? deps.tokens().get() : undefined),
        async attempt(token) {
          const res = await attempt(spec, token);
          if (res.errcode === 0) {
            if (res.warning) deps.onWarning?.(spec.api, res.warning);
            return res.body;
          }
          const { errcode: _c, errmsg: _m, ...rest } = res.body;
          throw new WeComError({
            errcode: res.errcode,
            errmsg: res.errmsg,
            api: spec.api,
            body: rest,
          });
        },
        isError: (err): err is WeComError => err instanceof WeComError,
        wantsNewToken: (err) => TOKEN_REFRESH_CODES.has(err.errcode),
        invalidate: (token) => deps.tokens().invalidate(token),
        ...(deps.onError ? { onError: deps.onError } : {}),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(deps.random ? { random: deps.random } : {}),
      });
    },
  };
}
