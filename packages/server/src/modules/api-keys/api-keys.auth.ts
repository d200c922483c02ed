import type { Changes } from '../../db/changes';
import type { Db } from '../../db/client';
import { createKeyedLoader } from '../../lib/batcher';
import { AppError, forbidden } from '../../lib/errors';
import type { Log } from '../../lib/log';
import { cacheReads } from '../../lib/read-cache';
import type { SessionInfo } from '../../lib/route';
import { hashApiKey, isApiKey } from './api-keys.format';
import { createApiKeysRepo, type ApiKeyAuthRow } from './api-keys.repo';

/** `last_used_at` moves at most this often per key (each write flushes the request caches). */
export const LAST_USED_GRAIN_S = 60;

/**
 * Who a key is on the request path. Not a person: user id 0 (no account has it; the log's
 * "OrgBridge" sender uses it too) and the name `apikey:<prefix>`, which no username can be
 * (usernames have no colon), so a message sent with a key shows the key as its sender and
 * nothing a key does is attributed to the admin who created it.
 */
export const API_KEY_USER_ID = 0;
export const apiKeyUsername = (prefix: string) => `apikey:${prefix}`;

/**
 * Resolves `X-Access-Token` values that are API keys (api-keys.format.ts), through the same
 * read cache as sessions (db/changes.ts): revoking a key applies to this process's very next
 * request, and in the other processes as soon as the table's notification arrives.
 */
export function createApiKeyAuthenticator(deps: {
  db: Db;
  changes?: Changes;
  log?: Pick<Log, 'warn'>;
}) {
  const repo = createApiKeysRepo(deps.db);
  const find = cacheReads(
    createKeyedLoader(
      (hash: string) => hash,
      async (hashes) => new Map((await repo.findByHashes(hashes)).map((k) => [k.keyHash, k])),
    ),
    (hash) => hash,
    deps.changes,
    // The key row and its tenant's status (a frozen tenant's keys stop).
    { tables: ['api_keys', 'tenants'] },
  );
  /** When this process last wrote each key's last use. */
  const touchedAt = new Map<number, number>();
  const pending = new Set<Promise<void>>();

  /** Off the request's path: the answer does not wait for it, and failing is only logged. */
  function noteUse(key: ApiKeyAuthRow, now: number): void {
    const seen = Math.max(
      key.lastUsedAt ? new Date(key.lastUsedAt).getTime() : 0,
      touchedAt.get(key.id) ?? 0,
    );
    if (now - seen < LAST_USED_GRAIN_S * 1000) return;
    if (touchedAt.size >= 10_000) touchedAt.clear();
    touchedAt.set(key.id, now);
    const write: Promise<void> = repo
      .touch(key.id, LAST_USED_GRAIN_S)
      .catch((err: unknown) => deps.log?.warn({ err, apiKeyId: key.id }, 'API key last use'))
      .finally(() => pending.delete(write));
    pending.add(write);
  }

  return {
    isApiKey,

    /** The key's principal; 401 when unknown, revoked or expired, 403 when its tenant is frozen. */
    async authenticate(token: string): Promise<SessionInfo> {
      const key = await find(hashApiKey(token));
      if (!key) {
        throw new AppError(
          'auth.api_key_invalid',
          401,
          'This API key is not known. Check that it was copied whole, or ask a tenant administrator for a new one.',
        );
      }
      if (key.revokedAt) {
        throw new AppError(
          'auth.api_key_revoked',
          401,
          'This API key was revoked. Ask a tenant administrator for a new one.',
        );
      }
      const now = Date.now();
      if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) {
        throw new AppError(
          'auth.api_key_expired',
          401,
          'This API key has expired. Ask a tenant administrator for a new one.',
        );
      }
      if (key.tenantStatus !== 1) {
        throw forbidden('tenant.frozen', 'This tenant is frozen. Ask the platform administrator.');
      }
      noteUse(key, now);
      return {
        sessionId: 0,
        userId: API_KEY_USER_ID,
        username: apiKeyUsername(key.prefix),
        realname: key.name,
        isPlatformAdmin: false,
        mustChangePassword: false,
        currentTenantId: key.tenantId,
        // Like a connector's sign-in: one tenant, no platform or cross-tenant routes.
        scopeTenantId: key.tenantId,
        apiKey: {
          id: key.id,
          prefix: key.prefix,
          tenantId: key.tenantId,
          permissions: key.permissions,
        },
      };
    },

    /** Waits for last-use writes under way (app close). */
    idle: async () => {
      await Promise.all([...pending]);
    },
  };
}
export type ApiKeyAuthenticator = ReturnType<typeof createApiKeyAuthenticator>;
