import type { FastifyInstance } from 'fastify';
import { AppError, forbidden } from '../lib/errors';
import type { AuthService } from '../modules/auth/auth.service';
import type { TenantContextResolver } from '../modules/tenants/tenant-context';

/**
 * Authentication and tenant context, decided once per request from the route's `access`
 * config before the body is even parsed. Handlers never read the headers themselves.
 */
export function registerAccessHooks(
  app: FastifyInstance,
  deps: { auth: Pick<AuthService, 'authenticate'>; resolveTenant: TenantContextResolver },
): void {
  app.decorateRequest('session', null);
  app.decorateRequest('ctx', null);

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
