import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { SessionInfo } from '../../lib/route';

export interface AuditEntry {
  actorUserId: number | null;
  /** The API key that acted (then actorUserId is null); see `auditActor`. */
  actorApiKeyId?: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string;
}

/** Who acted, for an audit entry: the person, or the API key (never the key's creator). */
export function auditActor(session: Pick<SessionInfo, 'userId' | 'apiKey'>): {
  actorUserId: number | null;
  actorApiKeyId: number | null;
} {
  return session.apiKey
    ? { actorUserId: null, actorApiKeyId: session.apiKey.id }
    : { actorUserId: session.userId, actorApiKeyId: null };
}

/** Append-only audit trail; tenant id first (null for platform-level events). */
export function createAuditRepo(db: Db) {
  return {
    async record(tenantId: number | null, entry: AuditEntry): Promise<void> {
      await db.insert(auditLog).values({
        tenantId,
        actorUserId: entry.actorUserId,
        actorApiKeyId: entry.actorApiKeyId ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId === undefined ? null : String(entry.targetId),
        details: entry.details ?? null,
        ip: entry.ip ?? null,
      });
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
