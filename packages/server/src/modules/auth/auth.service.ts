import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { burnPasswordCheck, verifyPassword } from '../../lib/password';
import type { SessionInfo } from '../../lib/route';
import { createThrottle, tooManyAttempts, type ThrottleLimits } from '../../lib/throttle';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createMemberships } from '../tenants/tenants.memberships';
import { createKeyedLoader } from '../../lib/batcher';
import { cacheReads } from '../../lib/read-cache';
import type { Changes } from '../../db/changes';
import { createPasswordService } from './auth.passwords';
import { createAuthRepo, type UserRow } from './auth.repo';
import type { ApiKeyAuthenticator } from '../api-keys/api-keys.auth';

/**
 * Sessions slide: each use (at most one write per hour) extends expiry to 7 days from now,
 * but never beyond 30 days after sign-in.
 */
export const SESSION_IDLE_MS = 7 * 24 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;
const EXTEND_AFTER_MS = 3600_000;

/**
 * Failed sign-ins count per (username, client address) and per client address (PRODUCT.md §7):
 * a stranger failing from their own address never locks the owner out from another one.
 */
export const LOGIN_LIMITS: ThrottleLimits = { windowMs: 15 * 60_000, perKeyAndIp: 5, perIp: 20 };

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export interface SignInOptions {
  /** The connector sign-in's tenant: the only one the session may act in (PRODUCT.md §7). */
  tenantId: number;
  ip: string;
  userAgent?: string;
  /** Audit action; `auth.login` unless given (e.g. `auth.login_wecom`). */
  action?: 'auth.login' | 'auth.login_wecom';
  details?: Record<string, unknown>;
}

export function createAuthService(deps: {
  db: Db;
  changes?: Changes;
  /** X-Access-Token values that are API keys (PRODUCT.md §11) resolve there. */
  apiKeys: Pick<ApiKeyAuthenticator, 'authenticate' | 'isApiKey'>;
}) {
  const repo = createAuthRepo(deps.db);
  // Every authenticated request starts here: concurrent requests share one lookup, and a
  // session stays cached until any session or user row changes (db/changes.ts).
  const findLiveSession = cacheReads(
    createKeyedLoader(
      (hash: string) => hash,
      async (hashes) => new Map((await repo.findLiveSessions(hashes)).map((s) => [s.tokenHash, s])),
    ),
    (hash) => hash,
    deps.changes,
    { tables: ['sessions', 'users'] },
  );
  const memberships = createMemberships(deps.db);
  const audit = createAuditRecorder(deps.db);
  const loginThrottle = createThrottle(deps.db, 'login', LOGIN_LIMITS);
  const passwords = createPasswordService(deps);

  type TenantList = Awaited<ReturnType<typeof tenantListOf>>;

  /** The account's memberships; a scoped session sees only its tenant's. */
  async function tenantListOf(userId: number, scopeTenantId: number | null) {
    const rows = await memberships.listMembershipsOfUser(userId);
    const visible = scopeTenantId === null ? rows : rows.filter((r) => r.id === scopeTenantId);
    return visible.map((r) => ({
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
    const hit = await loginThrottle.check(username, ip);
    if (hit) throw tooManyAttempts('auth.too_many_attempts', 'failed sign-in attempts', hit);
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
      await loginThrottle.record(input.username, input.ip, false);
      throw invalidCredentials();
    }
    return user;
  }

  /** What the console shows of the account; a scoped session never carries platform rights. */
  function userInfo(user: UserRow, scopeTenantId: number | null) {
    return {
      id: user.id,
      username: user.username,
      realname: user.realname,
      mustChangePassword: user.mustChangePassword,
      isPlatformAdmin: user.isPlatformAdmin && scopeTenantId === null,
      scopeTenantId,
      hasPassword: user.passwordHash !== null,
    };
  }

  /** Opens a session for an account and records the sign-in in the audit log. */
  async function openSession(
    user: UserRow,
    opts: Omit<SignInOptions, 'tenantId'> & {
      tenantId: number | null;
      scopeTenantId: number | null;
      tenantList: TenantList;
    },
  ) {
    const token = randomBytes(32).toString('base64url');
    await repo.insertSession({
      tokenHash: hashToken(token),
      userId: user.id,
      currentTenantId: opts.tenantId,
      scopeTenantId: opts.scopeTenantId,
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
      userInfo: userInfo(user, opts.scopeTenantId),
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
    // Only this address's failures: others' stay counted where they were made.
    await loginThrottle.clear(input.username, input.ip);
    return user;
  }

  return {
    async login(input: LoginInput) {
      const user = await checkPassword(input);
      const tenantList = await tenantListOf(user.id, null);
      return openSession(user, {
        ip: input.ip,
        userAgent: input.userAgent,
        tenantId: pickLoginTenant(tenantList),
        scopeTenantId: null,
        tenantList,
      });
    },

    checkPassword,

    /**
     * Signs an account in to `tenantId` after a connector vouched for it (WeCom sign-in); the
     * caller has checked the membership. The session is scoped to that tenant: it acts nowhere
     * else and carries no platform rights (PRODUCT.md §5.6, §7). Same result shape as `login`.
     */
    async signInAs(userId: number, opts: SignInOptions) {
      const user = await repo.findUserById(userId);
      if (!user) throw new AppError('auth.token_invalid', 401, 'The account no longer exists.');
      assertActive(user);
      const tenantList = await tenantListOf(user.id, opts.tenantId);
      return openSession(user, { ...opts, scopeTenantId: opts.tenantId, tenantList });
    },

    /**
     * Resolves a token to its live session; null when unknown, malformed, expired or revoked.
     * An API key resolves to the key's principal, or is refused with its own reason.
     */
    async authenticate(token: string): Promise<SessionInfo | null> {
      if (deps.apiKeys.isApiKey(token)) return deps.apiKeys.authenticate(token);
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
        // Decided here once, so no check downstream can forget the session's scope.
        isPlatformAdmin: found.user.isPlatformAdmin && found.scopeTenantId === null,
        mustChangePassword: found.user.mustChangePassword,
        currentTenantId: found.currentTenantId,
        scopeTenantId: found.scopeTenantId,
        apiKey: null,
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
        userInfo: userInfo(user, session.scopeTenantId),
        tenantList: await tenantListOf(user.id, session.scopeTenantId),
        currentTenantId: session.currentTenantId,
      };
    },

    changePassword: passwords.changePassword,
    setPassword: passwords.setPassword,

    setCurrentTenant: (session: SessionInfo, tenantId: number) =>
      repo.setSessionTenant(session.sessionId, tenantId),
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
