import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden } from '../lib/errors';
import type { Access, SessionInfo, TenantContext } from '../lib/route';
import { API_KEY_USER_ID } from '../modules/api-keys/api-keys.auth';
import type { ApiKeysService } from '../modules/api-keys/api-keys.service';
import type { AuthService } from '../modules/auth/auth.service';
import { parseTenantHeader, type TenantContextResolver } from '../modules/tenants/tenant-context';

type DeniedLog = Pick<ApiKeysService, 'denied'>;

/** Refused calls (4xx) a key may make per minute before it is told to slow down (429). */
export const KEY_REFUSALS_PER_MINUTE = 60;

/**
 * A key stuck in a loop of refused calls (nobody deliverable, a bad body…) on a route it may
 * call would write a log row and an audit entry each time without bound. Successful calls are not counted: an integrator
 * sending a lot is what keys are for. Per process, in memory, per minute window: a bounded flood
 * per process, and nothing on the request path's database.
 */
function createRefusalGate(limit = KEY_REFUSALS_PER_MINUTE) {
  const windows = new Map<number, { start: number; refused: number }>();
  const windowOf = (keyId: number, now: number) => {
    let w = windows.get(keyId);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      windows.set(keyId, (w = { start: now, refused: 0 }));
    }
    return w;
  };
  return {
    /** Seconds to wait, or 0 when the key may call. */
    waitFor(keyId: number, now = Date.now()): number {
      const w = windowOf(keyId, now);
      return w.refused >= limit ? Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000)) : 0;
    },
    refused(keyId: number, now = Date.now()): void {
      windowOf(keyId, now).refused++;
    },
  };
}

/**
 * What an API key may reach (PRODUCT.md §11), decided here only: a `member`/`admin` route that
 * declares a permission the key holds, in the key's tenant. Everything else is 403 and recorded
 * (rate-limited) as `api_key.use_denied`. The key's tenant context is not a membership: user id
 * 0 (no account), role `member`; the route's permission, not a role, authorises it.
 */
async function authorizeApiKey(
  req: FastifyRequest,
  session: SessionInfo,
  access: Access,
  denied: DeniedLog,
): Promise<TenantContext> {
  const key = session.apiKey!;
  const needed = req.routeOptions.config.apiKey;
  const operationId =
    (req.routeOptions.schema as { operationId?: string } | undefined)?.operationId ??
    `${req.method} ${req.routeOptions.url ?? ''}`;
  // Recorded (rate-limited) before refusing; the codes stay literal at each throw.
  const record = (reason: string) =>
    denied.denied(session, { operationId, permission: needed ?? null, reason, ip: req.ip });
  if (!needed || !(access === 'member' || access === 'admin')) {
    await record('not_for_keys');
    throw forbidden(
      'auth.api_key_forbidden',
      'API keys cannot call this endpoint: it is for people signed in to the console (keys never manage keys, users, tenants or configuration).',
    );
  }
  if (!key.permissions.includes(needed)) {
    await record('permission');
    throw forbidden(
      'auth.api_key_forbidden',
      `This API key lacks the "${needed}" permission this endpoint needs. Ask a tenant administrator for a key that has it.`,
    );
  }
  const header = parseTenantHeader(req.headers['x-tenant-id']);
  if (header !== undefined && header !== key.tenantId) {
    await record('other_tenant');
    throw forbidden(
      'tenant.api_key_scoped',
      'This API key belongs to another tenant and acts only there. Leave out X-Tenant-Id or send the key’s own tenant id.',
    );
  }
  return {
    userId: API_KEY_USER_ID,
    tenantId: key.tenantId,
    role: 'member',
    isPlatformAdmin: false,
  };
}

/**
 * Authentication and tenant context, decided once per request from the route's `access`
 * config before the body is even parsed. Handlers never read the headers themselves.
 */
export function registerAccessHooks(
  app: FastifyInstance,
  deps: {
    auth: Pick<AuthService, 'authenticate'>;
    resolveTenant: TenantContextResolver;
    apiKeys: DeniedLog;
  },
): void {
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null);
  const refusals = createRefusalGate();
  app.addHook('onResponse', async (req, reply) => {
    const key = req.session?.apiKey;
    // Only calls the key was allowed to make (a route of its permission): refusals by the
    // permission check write nothing but their own rate-limited audit entry.
    if (
      key &&
      req.ctx &&
      reply.statusCode >= 400 &&
      reply.statusCode < 500 &&
      reply.statusCode !== 429
    ) {
      refusals.refused(key.id);
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;

    const token = req.headers['x-access-token'];
    if (typeof token !== 'string' || token.length === 0) {
      throw new AppError(
        'auth.token_missing',
        401,
        'Sign in first: this request needs the X-Access-Token header.',
      );
    }
    const session = await deps.auth.authenticate(token);
    if (!session) {
      throw new AppError(
        'auth.token_invalid',
        401,
        'Your session has expired or was signed out. Sign in again.',
      );
    }
    if (session.mustChangePassword && !req.routeOptions.config.allowWhilePasswordChangeRequired) {
      throw forbidden('auth.password_change_required', 'Change your password before continuing.');
    }
    req.session = session;
    if (session.apiKey) {
      const wait = refusals.waitFor(session.apiKey.id);
      if (wait > 0) {
        throw new AppError(
          'auth.api_key_throttled',
          429,
          `This API key made ${KEY_REFUSALS_PER_MINUTE} refused calls within a minute. Fix the calls (each refusal says why) and try again in ${wait} s.`,
          { retryAfterSeconds: wait },
        );
      }
      req.ctx = await authorizeApiKey(req, session, access, deps.apiKeys);
      return;
    }

    // A connector sign-in vouches for one tenant only (PRODUCT.md §7): no platform rights, and no
    // route that acts across tenants unless it concerns only the caller's own session or account.
    if (session.scopeTenantId !== null) {
      if (access === 'platform') {
        throw forbidden(
          'auth.session_scoped',
          'This session was opened by a sign-in through a tenant’s connector (WeCom…), which cannot use platform administration. Sign in with your username and password instead.',
        );
      }
      if (access === 'session' && !req.routeOptions.config.allowConnectorSession) {
        throw forbidden(
          'auth.session_scoped',
          'This session was opened by a sign-in through a tenant’s connector (WeCom…) and is limited to that tenant, so it cannot switch, join or leave tenants here. Sign in with your username and password to do this.',
        );
      }
    }
    if (access === 'platform' && !session.isPlatformAdmin) {
      throw forbidden('auth.platform_admin_required', 'Only a platform administrator can do this.');
    }
    if (access === 'member' || access === 'admin') {
      req.ctx = await deps.resolveTenant(session, req.headers['x-tenant-id']);
      if (access === 'admin' && req.ctx.role !== 'admin') {
        throw forbidden(
          'tenant.admin_required',
          'Only an administrator of this tenant can do this.',
        );
      }
    }
  });
}
