/**
 * access_token caching. DingTalk's app token lives 7200 s; asking again within its life returns
 * the same token and extends it (README, "Facts"). Token calls count against the QPS limit like
 * any other, so a token is fetched once per (AppKey, AppSecret) and shared (see
 * @orgbridge/provider-kit's token cache).
 */
import {
  createTokenCache as createProviderTokenCache,
  secretDigest,
  type TokenCache,
  type TokenCacheOptions,
} from '@orgbridge/provider-kit';

export { createMemoryTokenStore } from '@orgbridge/provider-kit';
export type {
  CachedToken,
  TokenCache,
  TokenCacheOptions,
  TokenStore,
} from '@orgbridge/provider-kit';

/** `dingtalk:` + AppKey + the first 16 hex chars of sha256(secret): secrets never appear in keys. */
export function tokenKey(appKey: string, secret: string): string {
  return `dingtalk:${appKey}:${secretDigest(secret)}`;
}

export function createTokenCache(opts: TokenCacheOptions): TokenCache {
  return createProviderTokenCache(opts, { refetchKeepsExpiry: false });
}
