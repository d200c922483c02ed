import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  details?: Record<string, unknown>;
  ip?: string;
}

/** Append-only audit trail; tenant id first (null for platform-level events). */
export function createAuditRepo(db: Db) {
  return {
    async record(tenantId: number | null, entry: AuditEntry): Promise<void> {
      await db.insert(auditLog).values({
        tenantId,
        actorUserId: entry.actorUserId,
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
