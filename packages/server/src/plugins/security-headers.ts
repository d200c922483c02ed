import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response: the console, /docs (Swagger UI) and the API.
 * The console keeps its session token in localStorage, so an injected script or a framing page
 * would have it: scripts come only from this origin (Vite's build has no inline script), nothing
 * may frame a page, plugins and <base> are off. Styles may be inline because antd's CSS-in-JS
 * inserts <style> elements at run time (and Swagger UI sets style attributes); that admits no
 * script. Images may come from anywhere: message previews show the picture URL an admin typed.
 * No `upgrade-insecure-requests`: an intranet deployment on plain HTTP must keep loading.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response, errors and redirects included (PRODUCT.md §7 hardening):
 * the CSP above, X-Frame-Options DENY (browsers without frame-ancestors), nosniff,
 * Referrer-Policy no-referrer (an OAuth callback URL carries code and state; WeCom needs no
 * Referer), plus helmet's cross-origin isolation defaults. HSTS is sent without includeSubDomains:
 * OrgBridge must not decide for its parent domain's other hosts. Registered before any route.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
}
