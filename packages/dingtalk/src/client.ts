/**
 * `createDingTalkClient`: one client per (AppKey, AppSecret) of an internal app (企业内部应用).
 * Tokens come from the TokenStore (shared across processes when the server supplies a PostgreSQL
 * store), calls are paced per (app, interface) by the QPS governor process-wide, and every call
 * follows the retry rules of request.ts.
 */
import { createDepartmentApi } from './api/department';
import { createMessageApi } from './api/message';
import { createOAuthApi } from './api/oauth';
import { createUserApi } from './api/user';
import { asObject, intArray, missing, optInt, optString, stringArray } from './decode';
import { DEFAULT_RETRY, sharedGovernor, type Governor, type RetryPolicy } from './governor';
import { createTransport } from './http';
import { createRequester } from './request';
import { createMemoryTokenStore, createTokenCache, tokenKey, type TokenStore } from './token-cache';
import type { DingTalkError } from './errors';

export const DEFAULT_API_BASE = 'https://api.dingtalk.com';
export const DEFAULT_OAPI_BASE = 'https://oapi.dingtalk.com';

export interface DingTalkClientOptions {
  /** AppKey (Client ID) of the internal app. */
  appKey: string;
  /** AppSecret (Client Secret). */
  appSecret: string;
  /** DINGTALK_API_BASE; default https://api.dingtalk.com (the simulator's URL in tests). */
  apiBase?: string;
  /** DINGTALK_OAPI_BASE; default https://oapi.dingtalk.com. */
  oapiBase?: string;
  /**
   * 'v1' (default): `POST v1.0/oauth2/accessToken`; 'legacy': `GET gettoken`. Both tokens are
   * accepted by oapi and api.dingtalk.com alike.
   */
  tokenEndpoint?: 'v1' | 'legacy';
  tokenStore?: TokenStore;
  /** Calls per second per interface (edition: standard 20, professional 40, dedicated 60). */
  qps?: number;
  /** Calls per minute per interface; default 1,500 (90006). */
  perMinute?: number;
  retry?: Partial<RetryPolicy>;
  /** Per attempt, default 10 000 ms. */
  timeoutMs?: number;
  refreshAheadMs?: number;
  /** Egress proxy `http(s)://[user:pass@]host:port`; every call goes through it. */
  proxy?: string;
  /** Overrides the process-wide governor. */
  governor?: Governor;
  onRequest?: (api: string, ms: number, errcode: number) => void;
  onError?: (err: DingTalkError) => void;
}

export function createDingTalkClient(opts: DingTalkClientOptions) {
  const apiBase = opts.apiBase ?? DEFAULT_API_BASE;
  const oapiBase = opts.oapiBase ?? DEFAULT_OAPI_BASE;
  const governor =
    opts.governor ??
    sharedGovernor(`${oapiBase} ${apiBase}`, opts.appKey, opts.qps ?? 20, opts.perMinute);
  const transport = createTransport({
    apiBase,
    oapiBase,
    timeoutMs: opts.timeoutMs ?? 10_000,
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
  });
  const requester = createRequester({
    transport,
    governor,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    tokens: () => tokens,
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    ...(opts.onError ? { onError: opts.onError } : {}),
  });

  async function fetchToken(): Promise<{ token: string; expiresIn: number }> {
    if (opts.tokenEndpoint === 'legacy') {
      const api = 'gettoken';
      const body = await requester.call({
        host: 'oapi',
        api,
        method: 'GET',
        query: { appkey: opts.appKey, appsecret: opts.appSecret },
        auth: 'none',
        idempotent: true,
      });
      const token = optString(body.access_token);
      if (!token) throw missing(api, 'access_token');
      const expiresIn = optInt(body.expires_in);
      return { token, expiresIn: expiresIn && expiresIn > 0 ? expiresIn : 7200 };
    }
    const api = 'v1.0/oauth2/accessToken';
    const body = await requester.call({
      host: 'api',
      api,
      method: 'POST',
      body: { appKey: opts.appKey, appSecret: opts.appSecret },
      auth: 'none',
      idempotent: true,
    });
    const token = optString(body.accessToken);
    if (!token) throw missing(api, 'accessToken');
    const expiresIn = optInt(body.expireIn);
    return { token, expiresIn: expiresIn && expiresIn > 0 ? expiresIn : 7200 };
  }

  const tokens = createTokenCache({
    store: opts.tokenStore ?? createMemoryTokenStore(),
    key: tokenKey(opts.appKey, opts.appSecret),
    fetchToken,
    ...(opts.refreshAheadMs === undefined ? {} : { refreshAheadMs: opts.refreshAheadMs }),
  });

  /**
   * The app's contact scope (通讯录权限范围, `GET auth/scopes`): the departments (with their
   * sub-departments) and members it may read. A sync walks from these when the root is not granted.
   */
  async function scopes(): Promise<{ deptIds: number[]; userIds: string[] }> {
    const body = await requester.call({
      host: 'oapi',
      api: 'auth/scopes',
      method: 'GET',
      auth: 'app',
      idempotent: true,
    });
    const org = asObject(body.auth_org_scopes);
    return { deptIds: intArray(org.authed_dept), userIds: stringArray(org.authed_user) };
  }

  return {
    appKey: opts.appKey,
    scopes,
    governor,
    /** A valid app access_token (cached; fetched once per lifetime across concurrent callers). */
    getToken: () => tokens.get(),
    department: createDepartmentApi(requester),
    user: createUserApi(requester),
    message: createMessageApi(requester),
    oauth: createOAuthApi(requester, { appKey: opts.appKey, appSecret: opts.appSecret }),
  };
}

export type DingTalkClient = ReturnType<typeof createDingTalkClient>;
