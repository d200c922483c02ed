/**
 * Password help (PRODUCT.md §11): a tenant admin gives one of the tenant's own accounts a
 * one-time password. Who may is the trust policy's `reset_password` (policy/trust.ts), nothing here.
 */
import { randomInt } from 'node:crypto';
import { and, count, eq, gt, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';
import { AppError, badRequest } from '../../lib/errors';
import { hashPassword } from '../../lib/password';
import type { SessionInfo, TenantContext } from '../../lib/route';
import { auditActor, createAuditRecorder } from '../audit/audit.recorder';
import { resetToOneTimePassword } from '../auth/auth.passwords';
import { createTrustPolicy } from '../policy/trust';

/** No 0/O/o, 1/I/l: read aloud or copied by hand without mistakes. 56 symbols, 16 of them ≈ 93 bits. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const LENGTH = 16;

/**
 * Resets per admin and tenant in a sliding hour. A reset ends the person's sessions, so an
 * unbounded loop from a stolen admin session would keep a whole tenant signed out; a real
 * admin helping people rarely needs more. Counted from the audit trail (every reset is in it).
 */
export const RESET_LIMIT = { perHour: 20, windowMs: 3600_000 };
const ACTION = 'user.reset_password';

export function oneTimePassword(): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function createPasswordResetService(deps: { db: Db }) {
  const { db } = deps;

  async function assertUnderCap(
    ctx: TenantContext,
    session: SessionInfo,
    on: Db = db,
  ): Promise<void> {
    const since = new Date(Date.now() - RESET_LIMIT.windowMs);
    const actor = auditActor(session);
    const [row] = await on
      .select({ n: count(), oldest: min(auditLog.createdAt) })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, ctx.tenantId),
          eq(auditLog.action, ACTION),
          actor.actorApiKeyId === null
            ? eq(auditLog.actorUserId, session.userId)
            : eq(auditLog.actorApiKeyId, actor.actorApiKeyId),
          gt(auditLog.createdAt, since),
        ),
      );
    if (row!.n >= RESET_LIMIT.perHour) {
      const oldest = row!.oldest ? new Date(row!.oldest).getTime() : Date.now();
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((oldest + RESET_LIMIT.windowMs - Date.now()) / 1000),
      );
      throw new AppError(
        'users.too_many_password_resets',
        429,
        `You reset ${RESET_LIMIT.perHour} passwords in this tenant within the last hour, the most allowed. Try again later, or ask another administrator.`,
        { retryAfterSeconds, limit: RESET_LIMIT.perHour },
      );
    }
  }

  return {
    /**
     * Gives the account a one-time password (answered once, never stored in clear or logged),
     * forces a change at its next sign-in and ends all its sessions, on every device.
     */
    async reset(
      ctx: TenantContext,
      session: SessionInfo,
      input: { userId: number; ip: string },
    ): Promise<{ password: string }> {
      if (input.userId === ctx.userId) {
        throw badRequest(
          'users.reset_own_password',
          'You cannot reset your own password here. Change it with your current password (Change password), or ask another administrator.',
        );
      }
      const actor = { tenantId: ctx.tenantId, isPlatformAdmin: ctx.isPlatformAdmin };
      // Refuse before spending a hash on it (and without revealing anything a 404 would not).
      await createTrustPolicy(db).assert(actor, input.userId, 'reset_password');
      await assertUnderCap(ctx, session);
      const password = oneTimePassword();
      // scrypt takes ~100 ms: hash before the transaction, never holding locks.
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        // Counted again under a lock per tenant and actor, in the transaction that writes the
        // entry: resets sent in parallel cannot all count the same "n so far" and pass the cap.
        const who = auditActor(session);
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtextextended(${`password-reset:${ctx.tenantId}:${who.actorApiKeyId ?? `u${who.actorUserId}`}`}, 0))`,
        );
        await assertUnderCap(ctx, session, tx);
        // Decided again inside the transaction: the standing may have changed meanwhile.
        await createTrustPolicy(tx).assert(actor, input.userId, 'reset_password');
        const sessionsRevoked = await resetToOneTimePassword(tx, input.userId, passwordHash);
        await createAuditRecorder(tx).record(ctx.tenantId, {
          ...auditActor(session),
          action: ACTION,
          targetType: 'user',
          targetId: input.userId,
          details: { sessionsRevoked },
          ip: input.ip,
        });
      });
      return { password };
    },
  };
}
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
