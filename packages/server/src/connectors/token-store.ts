import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { connectorTokens } from '../db/schema';
import type { SecretBox } from '../lib/secrets';
import type { ConnectorTokenStore } from './kit';

/**
 * Provider access tokens in the database, shared by every OrgBridge process on it. On PostgreSQL
 * a session advisory lock per key makes the refresh single-flight across processes; tokens are
 * sealed with SECRET_KEY like every other secret.
 */
export function createDbTokenStore(
  database: Database,
  box: SecretBox,
  /** A token was fetched from the provider (the token cache stores each one it fetched). */
  onFetched?: () => void,
): ConnectorTokenStore {
  const { db } = database;
  const store: ConnectorTokenStore = {
    async get(key) {
      const [row] = await db.select().from(connectorTokens).where(eq(connectorTokens.key, key));
      if (!row) return null;
      try {
        return { token: box.open(row.tokenEnc), expiresAt: row.expiresAt.getTime() };
      } catch {
        // Sealed under another SECRET_KEY: treat as absent, a refresh overwrites it.
        return null;
      }
    },
    async set(key, value) {
      const row = {
        tokenEnc: box.seal(value.token),
        expiresAt: new Date(value.expiresAt),
        updatedAt: new Date(),
      };
      await db
        .insert(connectorTokens)
        .values({ key, ...row })
        .onConflictDoUpdate({ target: connectorTokens.key, set: row });
      onFetched?.();
    },
    async invalidate(key, token) {
      const current = await store.get(key);
      if (current?.token !== token) return;
      await db
        .delete(connectorTokens)
        .where(
          and(
            eq(connectorTokens.key, key),
            eq(connectorTokens.expiresAt, new Date(current.expiresAt)),
          ),
        );
    },
  };
  const lock = database.withAdvisoryLock;
  if (lock) store.withLock = (key, fn) => lock(`connector-token:${key}`, fn);
  return store;
}
