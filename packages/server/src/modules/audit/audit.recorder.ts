import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import type { SessionInfo } from '../../lib/route';
import type { AuditAction } from './actions';

// The audit module's public file for writers: every module records its entries through this,
// in its own transaction when it passes its tx (docs/decisions/0007-module-boundaries.md).

export interface AuditEntry {
  actorUserId: number | null;
  /** The API key that acted (then actorUserId is null); see `auditActor`. */
  actorApiKeyId?: number | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string;
}

export interface AuditActor {
  actorUserId: number | null;
  actorApiKeyId: number | null;
}

/** Who acted, for an audit entry: the person, or the API key (never the key's creator). */
export function auditActor(session: Pick<SessionInfo, 'userId' | 'apiKey'>): AuditActor {
  return session.apiKey
    ? { actorUserId: null, actorApiKeyId: session.apiKey.id }
    : { actorUserId: session.userId, actorApiKeyId: null };
}

/** Append-only audit trail; tenant id first (null for platform-level events). */
export function createAuditRecorder(db: Db) {
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
export type AuditRecorder = ReturnType<typeof createAuditRecorder>;
