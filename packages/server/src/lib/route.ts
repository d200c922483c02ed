import type { Static, TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPermission } from '../db/schema/api-keys';
import { Envelope, ErrorEnvelopeSchema, okEnvelope } from './envelope';
import type { RouteDocs } from './openapi-docs';

/**
 * Who may call a route. `member` and `admin` are tenant-scoped: the tenant-context plugin
 * resolves the tenant and the caller's role before the handler runs.
 */
export type Access = 'public' | 'session' | 'platform' | 'member' | 'admin';

export interface SessionInfo {
  sessionId: number;
  userId: number;
  username: string;
  realname: string;
  /** False for a connector-scoped session, whatever the account is (PRODUCT.md §7). */
  isPlatformAdmin: boolean;
  mustChangePassword: boolean;
  currentTenantId: number | null;
  /**
   * The tenant whose connector (WeCom…) vouched for this session, the only tenant it may act in;
   * null for a password session, which works across the account's tenants.
   */
  scopeTenantId: number | null;
  /**
   * Set when the caller presented an API key instead of a session token (PRODUCT.md §11): the key
   * is the actor, limited to its tenant and permissions. Null for people.
   */
  apiKey: ApiKeyPrincipal | null;
}

export interface ApiKeyPrincipal {
  id: number;
  /** The public part of the key, which names it in logs and the audit trail. */
  prefix: string;
  tenantId: number;
  permissions: readonly ApiKeyPermission[];
}

export interface TenantContext {
  userId: number;
  tenantId: number;
  role: 'admin' | 'member';
  isPlatformAdmin: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the account must change its password first. */
    allowWhilePasswordChangeRequired?: boolean;
    /** A `session` route a connector-scoped session may call (see RouteDef). */
    allowConnectorSession?: boolean;
    /** The API-key permission that reaches this route (see RouteDef); keys reach nothing else. */
    apiKey?: ApiKeyPermission;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
    ctx: TenantContext | null;
  }
}

type AccessCtx<A extends Access> = A extends 'public'
  ? { session: SessionInfo | null }
  : A extends 'session' | 'platform'
    ? { session: SessionInfo }
    : { session: SessionInfo; tenant: TenantContext };

export type HandlerInput<A extends Access, B, Q, P> = {
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
} & AccessCtx<A>;

export interface RouteDef<
  A extends Access,
  B extends TSchema,
  Q extends TSchema,
  P extends TSchema,
  R extends TSchema,
> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: A;
  allowWhilePasswordChangeRequired?: boolean;
  /**
   * For `session` routes: a session opened by a connector's sign-in (tenant-scoped) may call it.
   * Session routes act across tenants (switch, join, link requests…), so a scoped session is
   * refused them unless the route only concerns the caller's own session or account. On `member`
   * and `admin` routes the flag changes nothing (the tenant resolver keeps a scoped session in its
   * tenant); there it only marks a route meant for connector sessions.
   */
  allowConnectorSession?: boolean;
  /**
   * The permission an API key needs to call this route (PRODUCT.md §11). Without it no key
   * reaches the route, whatever its permissions (plugins/auth.ts). Only on `member`/`admin`
   * routes: a key acts in its one tenant. Stated in the OpenAPI description.
   */
  apiKey?: ApiKeyPermission;
  body?: B;
  /** Media types the body may come in (OpenAPI `requestBody.content`); JSON when not given. */
  consumes?: string[];
  querystring?: Q;
  params?: P;
  result: R;
  /**
   * Error statuses beyond the derived ones (400 for input, 401/403 unless public, 404 for path
   * ids), each with when it happens: e.g. `{ 409: 'a run is already active' }` (OpenAPI only).
   */
  errors?: RouteDocs['errors'];
  /** A request body and a `result` for the OpenAPI document; both must match the schemas. */
  examples?: RouteDocs['examples'];
  handler(input: HandlerInput<A, Static<B>, Static<Q>, Static<P>>): Promise<Static<R>>;
}

/** The route's description with the API-key permission that reaches it, if any. */
export function apiKeyNote(permission: ApiKeyPermission | undefined): string {
  return permission
    ? `API keys: reachable with a key holding the \`${permission}\` permission.`
    : 'API keys: not reachable with an API key (403 `auth.api_key_forbidden`).';
}

function descriptionOf(def: { access: Access; description?: string; apiKey?: ApiKeyPermission }) {
  const tenantScoped = def.access === 'member' || def.access === 'admin';
  const note = def.access === 'public' ? '' : apiKeyNote(tenantScoped ? def.apiKey : undefined);
  const text = [def.description, note].filter(Boolean).join('\n\n');
  return text ? { description: text } : {};
}

export const TenantHeaders = Type.Object({
  'x-tenant-id': Type.Optional(
    Type.String({ description: 'Tenant id; defaults to the session tenant chosen at login' }),
  ),
});

/**
 * Registers a `/sys` route: request schemas, the success envelope around `result`, the error
 * envelope for every 4xx/5xx, and the access rule the auth and tenant-context hooks enforce.
 */
export function route<
  A extends Access,
  B extends TSchema = TSchema,
  Q extends TSchema = TSchema,
  P extends TSchema = TSchema,
  R extends TSchema = TSchema,
>(app: FastifyInstance, def: RouteDef<A, B, Q, P, R>): void {
  const tenantScoped = def.access === 'member' || def.access === 'admin';
  app.route({
    method: def.method,
    url: def.url,
    config: {
      access: def.access,
      allowWhilePasswordChangeRequired: def.allowWhilePasswordChangeRequired ?? false,
      allowConnectorSession: def.allowConnectorSession ?? false,
      openapi: { errors: def.errors, examples: def.examples },
      ...(def.apiKey && tenantScoped ? { apiKey: def.apiKey } : {}),
    },
    schema: {
      operationId: def.operationId,
      summary: def.summary,
      ...descriptionOf(def),
      tags: def.tags,
      ...(def.body ? { body: def.body } : {}),
      ...(def.consumes ? { consumes: def.consumes } : {}),
      ...(def.querystring ? { querystring: def.querystring } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(tenantScoped ? { headers: TenantHeaders } : {}),
      security: def.access === 'public' ? [] : [{ accessToken: [] }],
      response: {
        200: Envelope(def.result),
        '4xx': ErrorEnvelopeSchema,
        '5xx': ErrorEnvelopeSchema,
      },
    },
    handler: async (req, reply) => {
      const input = {
        body: req.body,
        query: req.query,
        params: req.params,
        req,
        reply,
        session: req.session,
        tenant: req.ctx,
        // The access hooks guarantee session/tenant are set for the route's access level.
      } as unknown as HandlerInput<A, Static<B>, Static<Q>, Static<P>>;
      return okEnvelope(await def.handler(input));
    },
  });
}
