/**
 * `createWeComClient`: one client per (CorpID, secret). Tokens come from the TokenStore (shared
 * across processes when the server supplies a PostgreSQL store), concurrency is limited per
 * (corp, API) process-wide, and every call follows the retry rules of request.ts.
 */
import { createAuthApi } from './api/oauth';
import { createDepartmentApi } from './api/department';
import { createMessageApi } from './api/message';
import { createUserApi } from './api/user';
import { missing, optInt, optString } from './decode';
import { DEFAULT_RETRY, sharedGovernor, type Governor, type RetryPolicy } from './governor';
import { WeComError } from './errors';
import { createTransport } from './http';
import { createRequester } from './request';
import { createMemoryTokenStore, createTokenCache, tokenKey, type TokenStore } from './token-cache';

export const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com';

export interface WeComClientOptions {
  corpId: string;
  /** App secret (自建应用 Secret) or contacts-sync secret (通讯录同步 Secret). */
  secret: string;
  /** Default https://qyapi.weixin.qq.com; the simulator's URL in tests (WECOM_API_BASE). */
  apiBase?: string;
  /** Default: a store private to this client. Pass a shared one so clients share tokens. */
  tokenStore?: TokenStore;
  /** In-flight requests per (corp, API), default 5 (WeCom's 45033 limit). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /** Per attempt, default 10 000 ms. */
  timeoutMs?: number;
  /** Refresh tokens this long before expiry, default 5 minutes. */
  refreshAheadMs?: number;
  /** Called after every HTTP attempt with its duration and errcode (local codes for failures). */
  onRequest?: (api: string, ms: number, errcode: number) => void;
  /** WeCom accepted a call but flagged "Warning: wrong json format" in errmsg. */
  onWarning?: (api: string, warning: string) => void;
  /** Overrides the process-wide governor (tests, or a caller that coordinates several corps). */
  governor?: Governor;
  /**
   * Egress proxy `http(s)://[user:pass@]host:port` (WECOM_PROXY or the connection's own): every
   * call, gettoken included, goes through it — CONNECT for https bases, absolute-form for http.
   */
  proxy?: string;
  /** Called for every WeCom error answer or local failure of an attempt (60020 watchers). */
  onError?: (err: WeComError) => void;
}

export function createWeComClient(opts: WeComClientOptions) {
  const apiBase = opts.apiBase ?? DEFAULT_API_BASE;
  const concurrency = opts.concurrency ?? 5;
  const governor = opts.governor ?? sharedGovernor(apiBase, opts.corpId, concurrency);
  const transport = createTransport({
    apiBase,
    timeoutMs: opts.timeoutMs ?? 10_000,
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
  });
  const requester = createRequester({
    transport,
    governor,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    tokens: () => tokens,
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    ...(opts.onError ? { onError: opts.onError } : {}),
  });

  async function fetchToken() {
    const api = 'gettoken';
    const query = { corpid: opts.corpId, corpsecret: opts.secret };
    const body = await requester.call({ api, method: 'GET', query, auth: false, idempotent: true });
    const token = optString(body.access_token);
    if (!token) throw missing(api, 'access_token');
    const expiresIn = optInt(body.expires_in);
    // expires_in is 7200 in every observed answer; fall back to it if absent or nonsense.
    return { token, expiresIn: expiresIn && expiresIn > 0 ? expiresIn : 7200 };
  }

  const tokens = createTokenCache({
    store: opts.tokenStore ?? createMemoryTokenStore(),
    key: tokenKey(opts.corpId, opts.secret),
    fetchToken,
    ...(opts.refreshAheadMs === undefined ? {} : { refreshAheadMs: opts.refreshAheadMs }),
  });

  /**
   * The address WeCom sees this client calling from. WeCom has no API that echoes it, but every
   * error answer names it (`from ip: …`), so this asks for a token without a secret: a harmless
   * refusal (41004 corpsecret missing; gettoken is not subject to 企业可信IP) that goes the same
   * way as every other call (same proxy). Null when no answer names an address (older formats, or WeCom unreachable).
   */
  async function probeEgressIp(): Promise<string | null> {
    try {
      await requester.call({
        api: 'gettoken',
        method: 'GET',
        query: { corpid: opts.corpId },
        auth: false,
        idempotent: true,
      });
    } catch (err) {
      if (err instanceof WeComError) return err.fromIp ?? null;
      throw err;
    }
    return null;
  }

  return {
    corpId: opts.corpId,
    probeEgressIp,
    /** A valid access_token (cached; fetched once per lifetime across concurrent callers). */
    getToken: () => tokens.get(),
    department: createDepartmentApi(requester),
    user: createUserApi(requester),
    message: createMessageApi(requester),
    auth: createAuthApi(requester),
  };
}

export type WeComClient = ReturnType<typeof createWeComClient>;
