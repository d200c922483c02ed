import type { Db } from '../../db/client';
import { AppError, badRequest, conflict } from '../../lib/errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import type { SessionInfo } from '../../lib/route';
import { createThrottle, tooManyAttempts, type ThrottleLimits } from '../../lib/throttle';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createTrustPolicy } from '../policy/trust';
import { createAuthRepo } from './auth.repo';

/**
 * Password changes are throttled like sign-in (PRODUCT.md §7): a stolen session must not be a
 * way to guess the current password. Counted per (account, client address) and per address.
 */
export const PASSWORD_CHANGE_LIMITS: ThrottleLimits = {
  windowMs: 15 * 60_000,
  perKeyAndIp: 5,
  perIp: 20,
};

const alreadySet = () =>
  conflict(
    'auth.password_already_set',
    'This account already has a password. Change it with /sys/user/changePassword (the console: Change password), which asks for the current one.',
  );

/** The caller's own password: change it (knowing the current one) or set a first one. */
/**
 * An administrator's password reset, in the caller's transaction: the account gets a one-time
 * password (changed at next sign-in) and every session of it ends. Answers the sessions revoked.
 */
export async function resetToOneTimePassword(
  tx: Db,
  userId: number,
  passwordHash: string,
): Promise<number> {
  const auth = createAuthRepo(tx);
  await auth.setOneTimePassword(userId, passwordHash);
  return auth.revokeAllSessions(userId);
}

export function createPasswordService(deps: { db: Db }) {
  const { db } = deps;
  const repo = createAuthRepo(db);
  const throttle = createThrottle(db, 'change_password', PASSWORD_CHANGE_LIMITS);
  const trust = createTrustPolicy(db);

  async function assertNotThrottled(key: string, ip: string): Promise<void> {
    const hit = await throttle.check(key, ip);
    if (hit) throw tooManyAttempts('auth.too_many_password_changes', 'password changes', hit);
  }

  async function findUser(session: SessionInfo) {
    const user = await repo.findUserById(session.userId);
    if (!user) {
      throw new AppError('auth.token_invalid', 401, 'The account no longer exists. Sign in again.');
    }
    return user;
  }

  return {
    /** Changes the caller's password and signs out their other sessions. */
    async changePassword(
      session: SessionInfo,
      input: { oldPassword: string; newPassword: string; ip: string },
    ): Promise<void> {
      const key = String(session.userId);
      await assertNotThrottled(key, input.ip);
      const user = await findUser(session);
      if (!user.passwordHash || !(await verifyPassword(input.oldPassword, user.passwordHash))) {
        await throttle.record(key, input.ip, false);
        throw badRequest(
          'auth.wrong_password',
          'The current password is not correct. Enter it again.',
        );
      }
      if (input.oldPassword === input.newPassword) {
        throw badRequest(
          'auth.password_unchanged',
          'The new password must differ from the current one.',
        );
      }
      // Hash before the transaction: scrypt takes ~100 ms and must not hold database locks.
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        const txRepo = createAuthRepo(tx);
        await txRepo.updatePassword(user.id, passwordHash);
        await txRepo.revokeOtherSessions(user.id, session.sessionId);
        await createAuditRecorder(tx).record(null, {
          actorUserId: user.id,
          action: 'auth.change_password',
          ip: input.ip,
        });
      });
      await throttle.clear(key, input.ip);
    },

    /**
     * A first password for an account that has none (a WeCom-only member after a WeCom sign-in).
     * From a connector session this turns one tenant's vouching into a credential valid in every
     * tenant, so it is that tenant setting a password: allowed only on the tenant's own accounts
     * (PRODUCT.md §7; the policy module decides).
     */
    async setPassword(
      session: SessionInfo,
      input: { newPassword: string; ip: string },
    ): Promise<void> {
      const key = String(session.userId);
      await assertNotThrottled(key, input.ip);
      const user = await findUser(session);
      if (user.passwordHash) {
        await throttle.record(key, input.ip, false);
        throw alreadySet();
      }
      if (session.scopeTenantId !== null) {
        const actor = { tenantId: session.scopeTenantId, isPlatformAdmin: false };
        await trust.assert(actor, user.id, 'edit_account');
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        if (!(await createAuthRepo(tx).setPasswordIfNone(user.id, passwordHash))) {
          throw alreadySet();
        }
        await createAuditRecorder(tx).record(session.scopeTenantId, {
          actorUserId: user.id,
          action: 'auth.set_password',
          targetType: 'user',
          targetId: user.id,
          ip: input.ip,
        });
      });
    },
  };
}
export type PasswordService = ReturnType<typeof createPasswordService>;
