import { typedApi, type ApiBody, type ApiRecord, type ApiResult } from './typed';

/** What a key may do (PRODUCT.md §11); the server refuses anything else. */
export const API_KEY_PERMISSIONS = [
  'messages:send',
  'messages:read',
  'directory:read',
  'sync:run',
] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

/** The permission's locale key: i18next reads ':' as its namespace separator. */
export const permissionKey = (p: ApiKeyPermission) => p.replace(':', '_');

export type ApiKeyRow = ApiRecord<'/sys/apiKeys'>;
/** `key` is shown this once; only its hash is stored. */
export type CreatedApiKey = ApiResult<'/sys/apiKeys', 'post'>;
export type CreateApiKeyRequest = ApiBody<'/sys/apiKeys', 'post'>;

export const apiKeysApi = {
  list: (query: { page: number; pageSize: number }) => typedApi.get('/sys/apiKeys', { query }),
  create: (req: CreateApiKeyRequest) => typedApi.post('/sys/apiKeys', req),
  revoke: (id: number) => typedApi.delete('/sys/apiKeys/{id}', { path: { id } }),
};
