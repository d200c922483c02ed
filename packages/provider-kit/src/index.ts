export { agentsFor, describeNetworkError, exchange, joinUrl, jsonHeaders } from './http';
export type { AgentPair, HeaderReader, NetworkFailure, Query, RawResponse } from './http';
export { createMemoryTokenStore, createTokenCache, secretDigest } from './token-cache';
export type {
  CachedToken,
  TokenCache,
  TokenCacheBehaviour,
  TokenCacheOptions,
  TokenStore,
} from './token-cache';
export { backoffDelay, runWithRetry } from './retry';
export type { BackoffPolicy, RetryableError, RetryLimits, RetryLoop } from './retry';
export { asArray, asObject, compact, optString, requiredReaders } from './decode';
export type { Raw } from './decode';
export {
  aesCbcDecrypt,
  aesCbcEncrypt,
  computeSignature,
  pkcs7Pad,
  pkcs7Unpad,
  randomAesKey,
  randomAlnum,
} from './crypto';
