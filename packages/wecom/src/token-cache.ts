/**
 * access_token caching (doc /91039, reference §1). gettoken is rate-limited, so a token is fetched
 * once per (CorpID, secret) and shared (see @orgbridge/provider-kit's token cache). WeCom returns
 * the same token on a refetch and (as far as anyone can tell) does not extend its life
 * (reference §1): a refresh-ahead that got the same token back keeps the original expiry.
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

/** `corpId:` + the first 16 hex chars of sha256(secret): secrets never appear in keys or logs. */
export function tokenKey(corpId: string, secret: string): string {
  return `${corpId}:${secretDigest(secret)}`;
}

export function createTokenCache(opts: TokenCacheOptions): TokenCache {
  return createProviderTokenCache(opts, { refetchKeepsExpiry: true });
}
