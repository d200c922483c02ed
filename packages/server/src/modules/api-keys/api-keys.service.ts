import type { Db } from '../../db/client';
import type { ApiKeyPermission } from '../../db/schema/api-keys';
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors';
import type { Log } from '../../lib/log';
import type { SessionInfo, TenantContext } from '../../lib/route';
import { isUniqueViolation } from '../../lib/pg-error';
import { auditActor, createAuditRecorder } from '../audit/audit.recorder';
import { generateApiKey } from './api-keys.format';
import { createApiKeysRepo } from './api-keys.repo';
import type { CreateApiKeyBody } from './api-keys.schemas';

/** Live (not revoked, not expired) keys a tenant may hold. */
export const MAX_LIVE_KEYS = 50;
/** The latest expiry a key may be given; a key without one lives until revoked. */
export const MAX_EXPIRY_DAYS = 3 * 366;
/** At most one `api_key.use_denied` entry per key and operation in this many seconds. */
export const DENIED_AUDIT_GRAIN_S = 60;

const keyNotFound = () => notFound('api key', 'api_keys.not_found');

function expiryOf(text: string | undefined, now: number): Date | null {
  if (text === undefined) return null;
  const at = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(at)) {
    throw badRequest(
      'api_keys.invalid_expiry',
      'expiresAt must be an ISO 8601 date-time such as 2030-01-31T00:00:00Z.',
    );
  }
  if (at <= now + 60_000) {
    throw badRequest(
      'api_keys.invalid_expiry',
      'expiresAt must be in the future (at least a minute from now). Leave it out for a key that lives until revoked.',
    );
  }
  if (at > now + MAX_EXPIRY_DAYS * 86_400_000) {
    throw badRequest(
      'api_keys.invalid_expiry',
      `expiresAt may be at most ${MAX_EXPIRY_DAYS} days from now. Leave it out for a key that lives until revoked.`,
    );
  }
  return new Date(at);
}

export function createApiKeysService(deps: { db: Db; log?: Pick<Log, 'warn'> }) {
  const repo = createApiKeysRepo(deps.db);
  const audit = createAuditRecorder(deps.db);
  /** `${keyId}:${operationId}` → when this process last wrote a use-denied entry for it. */
  const deniedAt = new Map<string, number>();

  /** One create at a time per tenant, so concurrent ones cannot pass the cap together. */
  function insertKey(
    ctx: TenantContext,
    session: SessionInfo,
    input: { name: string; permissions: ApiKeyPermission[]; expiresAt: Date | null },
    ip: string | undefined,
  ) {
    return deps.db.transaction(async (tx) => {
      const r = createApiKeysRepo(tx);
      await r.lockTenant(ctx.tenantId);
      if ((await r.countLive(ctx.tenantId)) >= MAX_LIVE_KEYS) {
        throw conflict(
          'api_keys.too_many',
          `This tenant already has ${MAX_LIVE_KEYS} live API keys. Revoke keys no longer used before creating another.`,
        );
      }
      const fresh = generateApiKey();
      const row = await r.insert(ctx.tenantId, {
        ...input,
        prefix: fresh.prefix,
        keyHash: fresh.hash,
        createdBy: session.userId,
      });
      await createAuditRecorder(tx).record(ctx.tenantId, {
        ...auditActor(session),
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: row.id,
        details: { prefix: fresh.prefix, ...input },
        ...(ip ? { ip } : {}),
      });
      return {
        id: row.id,
        key: fresh.key,
        prefix: fresh.prefix,
        ...input,
        createdAt: row.createdAt,
      };
    });
  }

  return {
    /**
     * A new key, shown once. A session opened by a connector's sign-in (WeCom…) may not create
     * one: that sign-in vouches for a person for a while, not for a credential that outlives the
     * session (PRODUCT.md §7); it may still list and revoke keys.
     */
    async create(ctx: TenantContext, session: SessionInfo, body: CreateApiKeyBody, ip?: string) {
      if (session.scopeTenantId !== null) {
        throw forbidden(
          'api_keys.password_session_required',
          'API keys can only be created from a session signed in with a username and password, not through a connector (WeCom…). Sign in with your password and try again.',
        );
      }
      const name = body.name.trim();
      if (name.length === 0 || name.length > 64) {
        throw badRequest('api_keys.invalid_name', 'Give the key a name of 1 to 64 characters.');
      }
      const expiresAt = expiryOf(body.expiresAt, Date.now());
      // A prefix collision (one in 36^8 per key) fails the insert: draw again, a few times.
      for (let attempt = 1; ; attempt++) {
        try {
          return await insertKey(
            ctx,
            session,
            { name, permissions: body.permissions, expiresAt },
            ip,
          );
        } catch (err) {
          if (!isUniqueViolation(err, 'api_keys_prefix_uq') || attempt >= 3) throw err;
        }
      }
    },

    async list(ctx: TenantContext, page: number, pageSize: number) {
      return repo.list(ctx.tenantId, page, pageSize);
    },

    /** Revoked at once: authentication reads through the change-notified cache (api-keys.auth.ts). */
    async revoke(ctx: TenantContext, session: SessionInfo, id: number) {
      const key = await repo.findById(ctx.tenantId, id);
      if (!key) throw keyNotFound();
      if (await repo.revoke(ctx.tenantId, id, session.apiKey ? null : session.userId)) {
        await audit.record(ctx.tenantId, {
          ...auditActor(session),
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: id,
          details: { prefix: key.prefix, name: key.name },
        });
      }
      return (await repo.findById(ctx.tenantId, id))!;
    },

    /**
     * Records that a key was refused a route. A refused key may retry in a loop, so at most one
     * entry per key and operation per minute: this process remembers what it wrote (no database
     * work for repeats), and the entry is skipped when any process wrote one in the last minute.
     * Never fails the request it is recorded for.
     */
    async denied(
      session: SessionInfo,
      use: { operationId: string; permission: ApiKeyPermission | null; reason: string; ip: string },
    ): Promise<void> {
      const key = session.apiKey;
      if (!key) return;
      const mark = `${key.id}:${use.operationId}`;
      const now = Date.now();
      if (now - (deniedAt.get(mark) ?? 0) < DENIED_AUDIT_GRAIN_S * 1000) return;
      if (deniedAt.size >= 10_000) deniedAt.clear();
      deniedAt.set(mark, now);
      try {
        if (await repo.deniedRecently(key.tenantId, key.id, use.operationId, DENIED_AUDIT_GRAIN_S))
          return;
        await audit.record(key.tenantId, {
          ...auditActor(session),
          action: 'api_key.use_denied',
          targetType: 'api_key',
          targetId: key.id,
          ip: use.ip,
          details: {
            prefix: key.prefix,
            operationId: use.operationId,
            permission: use.permission,
            reason: use.reason,
          },
        });
      } catch (err) {
        deps.log?.warn({ err, apiKeyId: key.id }, 'API key use-denied audit entry');
      }
    },
  };
}
export type ApiKeysService = ReturnType<typeof createApiKeysService>;
