/**
 * How a route is documented for code generators (PRODUCT.md §11). Fastify's route schemas drive
 * validation and serialization; what only the document needs — the error statuses a route can
 * answer, examples, redirects, non-JSON bodies — is added here, at generation time, from the
 * route's own definition, so every route (including ones added later) gets it without repeating it.
 */
import { TenantHeaders, type Access } from './route';

/** Error statuses a route may declare beyond the ones derived from its definition. */
export type DeclaredErrorStatus = 409 | 413 | 415 | 422 | 429 | 502 | 503;
export type ErrorStatus = 400 | 401 | 403 | 404 | DeclaredErrorStatus;

export interface RouteDocs {
  /**
   * Statuses this route answers besides the derived ones, each with when it happens (e.g. a
   * public sign-in's 401, a body id's 404, a duplicate's 409).
   */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** A request body and a `result` that a generator (and a person) can copy. */
  examples?: { request?: unknown; result?: unknown };
  /** The route answers a redirect (302) instead of JSON. */
  redirect?: { description: string; setsCookie?: boolean };
  /** Non-JSON request body: media type → schema. */
  requestContent?: Record<string, object>;
  /** Non-JSON success answer (200): media type and schema, and what it holds. */
  responseContent?: { mediaType: string; schema: object; description: string };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the OpenAPI document says of this route beyond its schemas (lib/openapi-docs.ts). */
    openapi?: RouteDocs;
  }
}

/** The `$id` of the shared error envelope schema (one component, referenced everywhere). */
export const ERROR_ENVELOPE_ID = 'ErrorEnvelope';
const errorRef = (description: string) => ({ $ref: `${ERROR_ENVELOPE_ID}#`, description });

const RETRY_AFTER = {
  'Retry-After': { type: 'integer', description: 'seconds until the next attempt may go ahead' },
};

const DERIVED: Record<400 | 401 | 403 | 404, string> = {
  400: 'The request is invalid (body, query, path or header): `message` says what to fix, `details` may name the field.',
  401: 'No X-Access-Token, or it is unknown, expired or revoked: sign in (again) or use a valid API key.',
  403: 'Not allowed: the caller is not an (admin) member of the tenant, the account is frozen, must change its password first, or its session or key does not reach this route.',
  404: 'Nothing with this id in the current tenant (rows of other tenants read as not found).',
};

const STANDARD_DECLARED: Record<DeclaredErrorStatus, string> = {
  409: 'Conflicts with the current state (a duplicate, a stale plan, a run already active).',
  413: 'The request body is too large.',
  415: 'The request body is not in an accepted media type.',
  422: 'The connector (WeCom) refused the request; `details` carry its code and an explanation.',
  429: 'Too many attempts: wait `Retry-After` seconds.',
  502: 'The connector (WeCom) could not be reached or answered badly; `details` say what to check.',
  503: 'The service is shutting down or its database is unavailable; retry shortly.',
};

export interface SchemaLike {
  body?: unknown;
  querystring?: { properties?: Record<string, { default?: unknown }>; required?: string[] };
  params?: unknown;
  response?: Record<string, unknown>;
  [key: string]: unknown;
}

interface RouteLike {
  url: string;
  config?: { access?: Access; openapi?: RouteDocs };
}

/** The error statuses a route answers, derived from its definition and then its declarations. */
export function errorResponsesOf(
  schema: SchemaLike,
  route: RouteLike,
): Partial<Record<ErrorStatus, string>> {
  const access = route.config?.access ?? 'public';
  const out: Partial<Record<ErrorStatus, string>> = {};
  const tenantScoped = access === 'member' || access === 'admin';
  if (schema.body || schema.querystring || schema.params || tenantScoped) out[400] = DERIVED[400];
  if (access !== 'public') {
    out[401] = DERIVED[401];
    out[403] = DERIVED[403];
  }
  if (schema.params || /\/:/.test(route.url)) out[404] = DERIVED[404];
  for (const [status, when] of Object.entries(route.config?.openapi?.errors ?? {})) {
    const s = Number(status) as ErrorStatus;
    out[s] = out[s] ? `${out[s]} ${when}` : when;
  }
  return out;
}

/** A query parameter with a default need not be sent, so it is not `required` in the document. */
function optionalDefaults(querystring: SchemaLike['querystring']): SchemaLike['querystring'] {
  if (!querystring?.required) return querystring;
  const props = querystring.properties ?? {};
  const required = querystring.required.filter((k) => props[k]?.default === undefined);
  const { required: _dropped, ...rest } = querystring;
  return required.length > 0 ? { ...rest, required } : rest;
}

function withExample(schema: unknown, example: unknown): unknown {
  return example === undefined ? schema : { ...(schema as object), examples: [example] };
}

function successResponse(schema: SchemaLike, docs: RouteDocs): Record<string, unknown> {
  if (docs.redirect) {
    const headers: Record<string, object> = {
      Location: { type: 'string', format: 'uri', description: 'where the browser goes next' },
    };
    if (docs.redirect.setsCookie) {
      headers['Set-Cookie'] = {
        type: 'string',
        description: 'HttpOnly cookie binding the sign-in to this browser',
      };
    }
    return { 302: { type: 'null', description: docs.redirect.description, headers } };
  }
  if (docs.responseContent) {
    const { mediaType, schema: body, description } = docs.responseContent;
    return { 200: { description, content: { [mediaType]: { schema: body } } } };
  }
  const ok = schema.response?.['200'];
  if (!ok) return { 200: { type: 'null', description: 'Done.' } };
  const result = docs.examples?.result;
  const example =
    result === undefined
      ? undefined
      : { success: true, message: '', code: 200, result, timestamp: 1767225600000 };
  return { 200: withExample(ok, example) };
}

/**
 * The `@fastify/swagger` transform: the route's schema as the document shows it. Runtime
 * validation and serialization are untouched (they use the route's own schema).
 */
export function documentRoute(input: { schema: SchemaLike; url: string; route: RouteLike }): {
  schema: SchemaLike;
  url: string;
} {
  const { schema, url, route } = input;
  if (!schema || schema.hide) return { schema, url };
  const docs = route.config?.openapi ?? {};
  const response: Record<string, unknown> = { ...successResponse(schema, docs) };
  for (const [status, description] of Object.entries(errorResponsesOf(schema, route))) {
    const standard = STANDARD_DECLARED[Number(status) as DeclaredErrorStatus];
    const text = standard && description !== standard ? `${standard} ${description}` : description;
    response[status] =
      status === '429' ? { ...errorRef(text), headers: RETRY_AFTER } : errorRef(text);
  }
  response['4xx'] = errorRef('Another client error; `message` says what to fix.');
  response['5xx'] = errorRef('A server error; `requestId` identifies it in the logs.');
  const out: SchemaLike = { ...schema, response };
  const access = route.config?.access;
  if ((access === 'member' || access === 'admin') && !schema.headers) out.headers = TenantHeaders;
  if (schema.querystring) out.querystring = optionalDefaults(schema.querystring);
  if (docs.requestContent) {
    out.body = {
      content: Object.fromEntries(
        Object.entries(docs.requestContent).map(([type, s]) => [type, { schema: s }]),
      ),
    };
  } else if (schema.body && docs.examples?.request !== undefined) {
    out.body = withExample(schema.body, docs.examples.request);
  }
  return { schema: out, url };
}
