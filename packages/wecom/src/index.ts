export { createWeComClient, DEFAULT_API_BASE } from './client';
export type { WeComClient, WeComClientOptions } from './client';
export { WeComError, LOCAL_ERRCODE } from './errors';
export type { WeComErrorInit } from './errors';
export {
  classifyErrcode,
  explainErrcode,
  explainedErrcodes,
  parseFromIp,
  TOKEN_REFRESH_CODES,
} from './errcodes';
export type { ErrorKind, Explanation, Locale } from './errcodes';
export { createMemoryTokenStore, createTokenCache, tokenKey } from './token-cache';
export type { CachedToken, TokenCache, TokenStore } from './token-cache';
export { backoffDelay, createGovernor, sharedGovernor, DEFAULT_RETRY } from './governor';
export type { Governor, RetryPolicy } from './governor';
export * from './api/department';
export * from './api/user';
export * from './api/user-schema';
export * from './api/message';
export {
  buildOAuthAuthorizeUrl,
  buildQrLoginUrl,
  DEFAULT_LOGIN_BASE,
  DEFAULT_OAUTH_BASE,
  UserDetailSchema,
  UserIdentitySchema,
} from './api/oauth';
export type { UserDetail, UserIdentity } from './api/oauth';
export * from './crypto/index';
