export { createDingTalkClient, DEFAULT_API_BASE, DEFAULT_OAPI_BASE } from './client';
export type { DingTalkClient, DingTalkClientOptions } from './client';
export { DingTalkError, LOCAL_ERRCODE } from './errors';
export type { DingTalkErrorInit } from './errors';
export {
  classifyApiError,
  classifyErrcode,
  effectiveErrcode,
  explainErrcode,
  explainedErrcodes,
  TOKEN_REFRESH_CODES,
} from './errcodes';
export type { ErrorKind, Explanation, Locale } from './errcodes';
export { createMemoryTokenStore, createTokenCache, tokenKey } from './token-cache';
export type { CachedToken, TokenCache, TokenStore } from './token-cache';
export { backoffDelay, createGovernor, sharedGovernor, DEFAULT_RETRY } from './governor';
export type { Governor, GovernorOptions, RateWindow, RetryPolicy } from './governor';
export { decodeResponse } from './http';
export * from './api/department';
export * from './api/user';
export * from './api/message';
export * from './api/oauth';
export * from './crypto/index';
