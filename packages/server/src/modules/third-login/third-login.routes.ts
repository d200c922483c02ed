import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { route } from '../../lib/route';
import { Empty } from '../../lib/schemas';
import { signInThirdType, STATE_TTL_SECONDS } from './oauth-flow';
import type { ThirdLoginService } from './third-login.service';
import {
  CallbackQuerySchema,
  ExchangeBodySchema,
  LinkBodySchema,
  MyBindingSchema,
  StartQuerySchema,
  TenantInfoSchema,
  TenantParamsSchema,
  ThirdLoginResultSchema,
  ThirdTypeParamsSchema,
} from './third-login.schemas';

const tags = ['third-login'];
/** Cookie binding a sign-in to the browser that started it (HttpOnly, SameSite=Lax). */
export const NONCE_COOKIE = 'orgbridge_oauth';
const COOKIE_PATH = '/sys/thirdLogin/';

function readCookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(/;\s*/)) {
    if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  }
  return undefined;
}

/** Redirects must not be cached, and must not carry state or code onwards in a Referer. */
function redirect(reply: FastifyReply, location: string) {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(location, 302);
}

function registerRedirectRoutes(app: FastifyInstance, svc: ThirdLoginService, secure: boolean) {
  type Params = Static<typeof ThirdTypeParamsSchema>;
  app.route<{ Params: Params; Querystring: Static<typeof StartQuerySchema> }>({
    method: 'GET',
    url: '/sys/thirdLogin/oauth2/:thirdType/login',
    config: {
      access: 'public',
      openapi: {
        redirect: {
          description:
            'To WeCom: OAuth authorize (in the WeCom app) or the QR login page (`?qr=1`); on failure to /oauth2-app/login#error=<code>.',
          setsCookie: true,
        },
      },
    },
    schema: {
      operationId: 'wecomLoginStart',
      summary: 'Start WeCom sign-in: 302 to WeCom OAuth (in-app) or QR login (?qr=1)',
      description:
        'Sets an HttpOnly cookie binding the state to this browser. Failures 302 to /oauth2-app/login#error=<code>. thirdType `wechat_enterprise` (WeCom); an unknown one is a 404 naming the supported ones.',
      tags,
      security: [],
      params: ThirdTypeParamsSchema,
      querystring: StartQuerySchema,
    },
    handler: async (req, reply) => {
      const q = req.query;
      const thirdType = signInThirdType(req.params.thirdType);
      const out = await svc.start({
        thirdType,
        tenantId: q.tenantId,
        redirect: q.redirect,
        qr: q.qr === '1' || q.qr === 'true',
        nonce: readCookie(req, NONCE_COOKIE),
        host: req.hostname,
        userAgent: req.headers['user-agent'],
      });
      if (out.nonce) {
        const flags = `Path=${COOKIE_PATH}; Max-Age=${STATE_TTL_SECONDS}; HttpOnly; SameSite=Lax`;
        void reply.header(
          'set-cookie',
          `${NONCE_COOKIE}=${out.nonce}; ${flags}${secure ? '; Secure' : ''}`,
        );
      }
      return redirect(reply, out.location);
    },
  });

  app.route<{ Params: Params; Querystring: Static<typeof CallbackQuerySchema> }>({
    method: 'GET',
    url: '/sys/thirdLogin/oauth2/:thirdType/callback',
    config: {
      access: 'public',
      openapi: {
        redirect: {
          description:
            'To /oauth2-app/login#ticket=<one-time ticket> (exchange it with POST /sys/thirdLogin/exchange), or #error=<code> / #link=… when the member cannot sign in yet.',
        },
      },
    },
    schema: {
      operationId: 'wecomLoginCallback',
      summary: 'WeCom OAuth redirect_uri: 302 to /oauth2-app/login#ticket=… or #error=…',
      description:
        'thirdType `wechat_enterprise` (WeCom); an unknown one is a 404 naming the supported ones.',
      tags,
      security: [],
      params: ThirdTypeParamsSchema,
      querystring: CallbackQuerySchema,
    },
    handler: async (req, reply) => {
      const out = await svc.callback({
        thirdType: signInThirdType(req.params.thirdType),
        code: req.query.code ?? req.query.authCode,
        state: req.query.state,
        nonce: readCookie(req, NONCE_COOKIE),
        ip: req.ip,
        host: req.hostname,
      });
      return redirect(reply, out.location);
    },
  });
}

export function registerThirdLoginRoutes(
  app: FastifyInstance,
  deps: { thirdLogin: ThirdLoginService },
): void {
  const svc = deps.thirdLogin;
  registerRedirectRoutes(app, svc, svc.secureCookies);
  const meta = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });

  route(app, {
    method: 'POST',
    url: '/sys/thirdLogin/exchange',
    operationId: 'wecomLoginExchange',
    errors: {
      401: 'The ticket is unknown, used or older than 60 s.',
      403: 'The account or membership is frozen.',
    },
    summary: 'Exchange the one-time ticket from the WeCom callback for a session',
    description: 'A ticket works once, within 60 s. 401 third_login.ticket_invalid otherwise.',
    tags,
    access: 'public',
    body: ExchangeBodySchema,
    result: ThirdLoginResultSchema,
    handler: ({ body, req }) => svc.exchange(body.ticket, meta(req)),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdLogin/link',
    operationId: 'wecomLoginLink',
    errors: {
      401: 'Wrong username or password, or the link token expired.',
      403: 'The account is not a member of the tenant, or is frozen.',
      409: 'The account or the WeCom member is already bound.',
      429: 'Too many failed sign-ins from this address.',
    },
    summary: 'Link an unbound WeCom member to an existing account of the tenant by its password',
    description: 'Only when the tenant policy is `link`; the link token comes from the callback.',
    tags,
    access: 'public',
    body: LinkBodySchema,
    result: ThirdLoginResultSchema,
    handler: ({ body, req }) => svc.link({ ...body, ...meta(req) }),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdLogin/tenant/:tenantId',
    operationId: 'wecomLoginTenant',
    summary: 'Whether a tenant offers WeCom sign-in (and then its name); no secrets',
    tags,
    access: 'public',
    params: TenantParamsSchema,
    result: TenantInfoSchema,
    handler: ({ params }) => svc.tenantInfo(params.tenantId),
  });

  route(app, {
    method: 'GET',
    url: '/sys/user/wecomBinding',
    operationId: 'getMyWecomBinding',
    summary: "The caller's own WeCom binding in the current tenant (null when unbound)",
    tags,
    access: 'member',
    allowConnectorSession: true,
    result: MyBindingSchema,
    handler: ({ tenant }) => svc.myBinding(tenant),
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/user/wecomBinding',
    operationId: 'deleteMyWecomBinding',
    summary: "Unbind the caller's own WeCom member in the current tenant",
    tags,
    access: 'member',
    allowConnectorSession: true,
    result: Empty,
    handler: async ({ tenant, req }) => {
      await svc.unbindMine(tenant, req.ip);
      return {};
    },
  });
}
