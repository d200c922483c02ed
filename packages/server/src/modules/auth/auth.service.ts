import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { AppError, badRequest } from '../../lib/errors';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../lib/password';
import type { SessionInfo } from '../../lib/route';
import { createAuditRepo } from '../audit/audit.repo';
import { createTenantsRepo } from '../tenants/tenants.repo';
import { createKeyedLoader } from '../../lib/batcher';
import { cacheReads } from '../../lib/read-cache';
import type { ChangeClock } from '../../db/change-clock';
import { createAuthRepo, type UserRow } from './auth.repo';

/**
 * Sessions slide: each use (at most one write per hour) extends expiry to 7 days from now,
 * but never beyond 30 days after sign-in.
 */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
const EXTEND_AFTER_MS = 3600_000;

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_IP = 20;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export interface SignInOptions {
  ip: string;
  userAgent?: string;
  /** Audit action; `auth.login` unless given (e.g. `auth.login_wecom`). */
  action?: string;
  details?: Record<string, unknown>;
}

export function createAuthService(deps: { db: Db; changes?: ChangeClock }) {
  const repo = createAuthRepo(deps.db);
  // Every authenticated request starts here: concurrent requests share one lookup, and a
  // session stays cached until any session or user row changes (db/change-clock*.ts).
  const findLiveSession = cacheReads(
    createKeyedLoader(
      (hash: string) => hash,
      async (hashes) => new Map((await repo.findLiveSessions(hashes)).map((s) => [s.tokenHash, s])),
    ),
    (hash) => hash,
    deps.changes,
  );
  const tenantsRepo = createTenantsRepo(deps.db);
  const audit = createAuditRepo(deps.db);

  type TenantList = Awaited<ReturnType<typeof tenantListOf>>;

  async function tenantListOf(userId: number) {
    const rows = await tenantsRepo.listMembershipsOfUser(userId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      houseNumber: r.houseNumber,
      role: r.role,
      status: r.status,
      frozen: r.frozen,
    }));
  }

  /** The default tenant (0) when the user is active there, else the first active one. */
  function pickLoginTenant(list: TenantList): number | null {
    const usable = list.filter((t) => t.status === MEMBERSHIP_STATUS.normal && !t.frozen);
    return (usable.find((t) => t.id === 0) ?? usable[0])?.id ?? null;
  }

  async function assertNotThrottled(username: string, ip: string): Promise<void> {
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const { byUser, byIp } = await repo.recentFailures(username, ip, since);
    const hit =
      byUser.n >= MAX_FAILURES_PER_USER ? byUser : byIp.n >= MAX_FAILURES_PER_IP ? byIp : null;
    if (!hit) return;
    const oldest = hit.oldest ? new Date(hit.oldest).getTime() : Date.now();
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((oldest + LOGIN_WINDOW_MS - Date.now()) / 1000),
    );
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new AppError(
      'auth.too_many_attempts',
      429,
      `Too many failed sign-in attempts. Try again in ${minutes} minute(s), or ask an administrator to reset the password.`,
      { retryAfterSeconds },
    );
  }

  const invalidCredentials = () =>
    new AppError(
      'auth.invalid_credentials',
      401,
      'Wrong username or password. Check both and try again.',
    );

  async function checkCredentials(input: LoginInput): Promise<UserRow> {
    const user = await repo.findUserByUsername(input.username);
    const ok = user?.passwordHash
      ? await verifyPassword(input.password, user.passwordHash)
      : (await burnPasswordCheck(input.password), false);
    if (!user || !ok) {
      await repo.recordLoginAttempt(input.username, input.ip, false);
      throw invalidCredentials();
    }
    return user;
  }

  function userInfo(user: UserRow) {
    return {
      id: user.id,
      username: user.username,
      realname: user.realname,
      mustChangePassword: user.mustChangePassword,
      isPlatformAdmin: user.isPlatformAdmin,
    };
  }

  /** Opens a session for an account and records the sign-in in the audit log. */
  async function openSession(
    user: UserRow,
    opts: SignInOptions & { tenantId: number | null; tenantList: TenantList },
  ) {
    const token = randomBytes(32).toString('base64url');
    await repo.insertSession({
      tokenHash: hashToken(token),
      userId: user.id,
      currentTenantId: opts.tenantId,
      ip: opts.ip,
      userAgent: opts.userAgent?.slice(0, 500) ?? null,
      expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
    });
    await audit.record(opts.tenantId, {
      actorUserId: user.id,
      action: opts.action ?? 'auth.login',
      ip: opts.ip,
      ...(opts.details ? { details: opts.details } : {}),
    });
    return {
      token,
      userInfo: userInfo(user),
      tenantList: opts.tenantList,
      loginTenantId: opts.tenantId,
    };
  }

  function assertActive(user: UserRow): void {
    if (user.status !== 1) {
      throw new AppError(
        'auth.user_frozen',
        403,
        'This account is frozen. Ask an administrator to unfreeze it.',
      );
    }
  }

  /**
   * Checks a username and password with the same throttling as /sys/login, without opening
   * a session (e.g. to prove an account before linking it to a WeCom member).
   */
  async function checkPassword(input: LoginInput): Promise<UserRow> {
    await assertNotThrottled(input.username, input.ip);
    const user = await checkCredentials(input);
    assertActive(user);
    await repo.clearFailures(input.username);
    return user;
  }

  return {
    async login(input: LoginInput) {
      const user = await checkPassword(input);
      const tenantList = await tenantListOf(user.id);
      return openSession(user, {
        ip: input.ip,
        userAgent: input.userAgent,
        tenantId: pickLoginTenant(tenantList),
        tenantList,
      });
    },

    checkPassword,

    /**
     * Signs an account in to `tenantId` after another proof of identity (WeCom sign-in); the
     * caller has checked the membership. Same result shape as `login`.
     */
    async signInAs(userId: number, opts: SignInOptions & { tenantId: number }) {
      const user = await repo.findUserById(userId);
      if (!user) throw new AppError('auth.token_invalid', 401, 'The account no longer exists.');
      assertActive(user);
      return openSession(user, { ...opts, tenantList: await tenantListOf(user.id) });
    },

    /** Resolves a token to its live session; null when unknown, malformed, expired or revoked. */
    async authenticate(token: string): Promise<SessionInfo | null> {
      if (!TOKEN_PATTERN.test(token)) return null;
      const found = await findLiveSession(hashToken(token));
      const now = Date.now();
      // A cached session may have expired since it was read.
      if (!found || new Date(found.expiresAt).getTime() <= now) return null;
      if (found.user.status !== 1) {
        throw new AppError(
          'auth.user_frozen',
          403,
          'This account is frozen. Ask an administrator to unfreeze it.',
        );
      }
      if (now - new Date(found.lastUsedAt).getTime() > EXTEND_AFTER_MS) {
        const cap = new Date(found.createdAt).getTime() + SESSION_MAX_MS;
        await repo.extendSession(found.sessionId, new Date(Math.min(now + SESSION_IDLE_MS, cap)));
      }
      return {
        sessionId: found.sessionId,
        userId: found.user.id,
        username: found.user.username,
        realname: found.user.realname,
        isPlatformAdmin: found.user.isPlatformAdmin,
        mustChangePassword: found.user.mustChangePassword,
        currentTenantId: found.currentTenantId,
      };
    },

    logout: (session: SessionInfo) => repo.revokeSession(session.sessionId),

    async me(session: SessionInfo) {
      const user = await repo.findUserById(session.userId);
      if (!user)
        throw new AppError(
          'auth.token_invalid',
          401,
          'The account no longer exists. Sign in again.',
        );
      return {
        userInfo: userInfo(user),
        tenantList: await tenantListOf(user.id),
        currentTenantId: session.currentTenantId,
      };
    },

    /** Changes the caller's password and signs out their other sessions. */
    async changePassword(session: SessionInfo, oldPassword: string, newPassword: string) {
      const user = await repo.findUserById(session.userId);
      if (!user?.passwordHash || !(await verifyPassword(oldPassword, user.passwordHash))) {
        throw badRequest(
          'auth.wrong_password',
          'The current password is not correct. Enter it again.',
        );
      }
      if (oldPassword === newPassword) {
        throw badRequest(
          'auth.password_unchanged',
          'The new password must differ from the current one.',
        );
      }
      // Hash before the transaction: scrypt takes ~100 ms and must not hold database locks.
      const passwordHash = await hashPassword(newPassword);
      await deps.db.transaction(async (tx) => {
        const txRepo = createAuthRepo(tx);
        await txRepo.updatePassword(user.id, passwordHash);
        await txRepo.revokeOtherSessions(user.id, session.sessionId);
        await createAuditRepo(tx).record(null, {
          actorUserId: user.id,
          action: 'auth.change_password',
        });
      });
    },

    setCurrentTenant: (session: SessionInfo, tenantId: number) =>
      repo.setSessionTenant(session.sessionId, tenantId),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
