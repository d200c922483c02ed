import { api, type Paged } from './client';

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

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  permissions: ApiKeyPermission[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { id: number; username: string; realname: string } | null;
}

export interface CreatedApiKey {
  id: number;
  name: string;
  prefix: string;
  permissions: ApiKeyPermission[];
  createdAt: string;
  expiresAt: string | null;
  /** Shown this once; only its hash is stored. */
  key: string;
}

export interface CreateApiKeyRequest {
  name: string;
  permissions: ApiKeyPermission[];
  expiresAt?: string;
}

export const apiKeysApi = {
  list: (q: { page: number; pageSize: number }) => api.get<Paged<ApiKeyRow>>('/sys/apiKeys', q),
  create: (req: CreateApiKeyRequest) => api.post<CreatedApiKey>('/sys/apiKeys', req),
  revoke: (id: number) => api.delete<ApiKeyRow>(`/sys/apiKeys/${id}`),
};
