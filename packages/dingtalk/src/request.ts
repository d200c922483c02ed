/**
 * The request loop shared by every endpoint: token, QPS slot, HTTP, classification, retry.
 *
 * Retry rules:
 * - 40014/42001 (and a v1.0 401): invalidate the token and retry once, outside the attempt budget.
 * - rate refusals (90002, 90005, 90006, 90018, v1.0 throttling): DingTalk did not act; backoff on
 *   a budget of their own (`rateAttempts`), for every API.
 * - -1 and unreadable bodies: backoff and retry within `maxAttempts`.
 * - timeouts and resets after sending: retried only for idempotent calls. A work notice may already
 *   be queued, so `asyncsend_v2` surfaces them as `DingTalkError{ uncertain: true }`.
 * - connection refused / DNS errors (request never left): retried for every API.
 * - everything else (permission, IP allow-list, input, wrong credentials): never retried.
 */
import { runWithRetry } from '@orgbridge/provider-kit';
import { TOKEN_REFRESH_CODES } from './errcodes';
import { DingTalkError, LOCAL_ERRCODE } from './errors';
import type { Governor, RetryPolicy } from './governor';
import type { HttpRequest, Transport } from './http';
import type { TokenCache } from './token-cache';

export interface CallSpec extends HttpRequest {
  /**
   * 'app': the app access_token; 'none': no token (token endpoints); a string: that token
   * (a user access token for v1.0/contact/users/me).
   */
  auth: 'app' | 'none' | { userToken: string };
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
  /** Every failed attempt, before any retry. */
  onError?: (err: DingTalkError) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

function needsNewToken(err: DingTalkError): boolean {
  if (err.errcode === LOCAL_ERRCODE.apiError) return err.kind === 'token';
  return TOKEN_REFRESH_CODES.has(err.effectiveErrcode);
}

export function createRequester(deps: RequesterDeps): Requester {
  async function attempt(spec: CallSpec, token: string | undefined) {
    return deps.governor.run(spec.api, async () => {
      const started = performance.now();
      try {
        const res = await deps.transport.send(spec, token);
        deps.onRequest?.(spec.api, performance.now() - started, res.errcode);
        return res;
      } catch (err) {
        const code = err instanceof DingTalkError ? err.errcode : -1;
        deps.onRequest?.(spec.api, performance.now() - started, code);
        throw err;
      }
    });
  }

  async function tokenFor(spec: CallSpec): Promise<string | undefined> {
    if (spec.auth === 'none') return undefined;
    if (spec.auth === 'app') return deps.tokens().get();
    return spec.auth.userToken;
  }

  return {
    call(spec) {
      return runWithRetry<DingTalkError>({
        limits: deps.retry,
        separate: {
          isHit: (err) => err.kind === 'rate',
          attempts: deps.retry.rateAttempts,
          baseDelayMs: deps.retry.rateBaseDelayMs,
          maxDelayMs: deps.retry.rateMaxDelayMs,
        },
        idempotent: spec.idempotent,
        token: () => tokenFor(spec),
        async attempt(token) {
          const res = await attempt(spec, token);
          if (res.errcode === 0) return res.body;
          const { errcode: _c, errmsg: _m, ...rest } = res.body;
          throw new DingTalkError({
            errcode: res.errcode,
            errmsg: res.errmsg,
            api: spec.api,
            body: rest,
            ...(res.subCode === undefined ? {} : { subCode: res.subCode }),
            ...(res.code === undefined ? {} : { code: res.code }),
            ...(res.status === undefined ? {} : { status: res.status }),
          });
        },
        isError: (err): err is DingTalkError => err instanceof DingTalkError,
        // A user's own token is not ours to refresh.
        wantsNewToken: (err) => spec.auth === 'app' && needsNewToken(err),
        invalidate: (token) => deps.tokens().invalidate(token),
        ...(deps.onError ? { onError: deps.onError } : {}),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        ...(deps.random ? { random: deps.random } : {}),
      });
    },
  };
}
