import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { errorEnvelope, type ErrorBody } from '../lib/envelope';
import { AppError } from '../lib/errors';
import { classifyDbUnavailable, findPgError, type DbUnavailableCause } from '../lib/pg-error';

/** Unique constraints → the 409 a person sees. Later modules add their constraints here. */
const UNIQUE_CONSTRAINTS: Record<string, { errorCode: string; message: string }> = {
  users_username_uq: {
    errorCode: 'users.username_taken',
    message: 'That username is already taken. Choose another one.',
  },
  tenants_house_number_uq: {
    errorCode: 'tenants.house_number_taken',
    message: 'That house number is already in use. Try again.',
  },
  memberships_tenant_user_uq: {
    errorCode: 'members.already_member',
    message: 'This account is already a member of the tenant.',
  },
  departments_ext_uq: {
    errorCode: 'departments.duplicate_external',
    message: 'A department with this external id already exists in the tenant.',
  },
};

const LOCATIONS: Record<string, string> = {
  body: 'request body',
  querystring: 'query string',
  params: 'path',
  headers: 'header',
};

function validationBody(err: FastifyError): ErrorBody {
  const first = err.validation?.[0];
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const path = (first?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const field =
    [path, params.missingProperty ?? params.additionalProperty].filter(Boolean).join('.') || '';
  const where = LOCATIONS[err.validationContext ?? ''] ?? 'request';
  const rule = first?.message ?? 'is invalid';
  const what = field ? `field "${field}" ${rule}` : rule;
  return {
    status: 400,
    errorCode: 'request.invalid',
    message: `Invalid ${where}: ${what}. Correct it and try again.`,
    details: { location: err.validationContext ?? null, field, rule: first?.keyword ?? null },
  };
}

/** Fastify's body limit when a route sets none (app.ts). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

function clientErrorBody(err: FastifyError, status: number, bodyLimit?: number): ErrorBody {
  if (status === 413) {
    return {
      status,
      errorCode: 'request.body_too_large',
      message: `The request body is larger than the ${sizeText(bodyLimit ?? DEFAULT_BODY_LIMIT)} limit of this endpoint. Send less data.`,
    };
  }
  if (status === 415) {
    return {
      status,
      errorCode: 'request.unsupported_media_type',
      message: 'Send the request body as application/json.',
    };
  }
  if (
    err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    err instanceof SyntaxError ||
    err.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
  ) {
    return {
      status: 400,
      errorCode: 'request.malformed_json',
      message: 'The request body is not valid JSON. Fix the syntax and try again.',
    };
  }
  return { status, errorCode: 'request.invalid', message: err.message };
}

/** What each cause means to the caller, and when to come back. */
const UNAVAILABLE: Record<DbUnavailableCause, { why: string; retryAfterSeconds: number }> = {
  unreachable: { why: 'no connection to it', retryAfterSeconds: 5 },
  shutting_down: { why: 'it is shutting down or restarting', retryAfterSeconds: 5 },
  resources: { why: 'it is out of memory or connections', retryAfterSeconds: 5 },
  storage_full: { why: 'the disk holding its data is full', retryAfterSeconds: 30 },
  io: { why: 'its storage failed to read or write', retryAfterSeconds: 30 },
};

/** The database cannot serve: 503 naming it, never the generic 500 "try again". */
function unavailableBody(cause: DbUnavailableCause): ErrorBody {
  const { why, retryAfterSeconds } = UNAVAILABLE[cause];
  if (cause === 'storage_full') {
    return {
      status: 503,
      errorCode: 'db.storage',
      message: `The database cannot store changes: ${why}. Requests will work again once space is freed; operators: free disk space where the data lives (DATA_DIR for the embedded database, the PostgreSQL data directory otherwise).`,
      details: { cause, retryAfterSeconds },
    };
  }
  return {
    status: 503,
    errorCode: 'db.unavailable',
    message: `The database is not reachable (${why}). Requests will work again once it is; operators: check the server DATABASE_URL points to (or DATA_DIR's disk for the embedded database), its logs and free disk space.`,
    details: { cause, retryAfterSeconds },
  };
}

/** Maps any thrown value to the error envelope's content; `null` means an unexpected error. */
export function toErrorBody(err: unknown, bodyLimit?: number): ErrorBody | null {
  if (err instanceof AppError) {
    return { status: err.status, errorCode: err.code, message: err.message, details: err.details };
  }
  const fe = err as FastifyError;
  if (fe?.validation) return validationBody(fe);
  const unavailable = classifyDbUnavailable(err);
  if (unavailable) return unavailableBody(unavailable.cause);
  const pgErr = findPgError(err);
  if (pgErr?.code === '23505') {
    const known = UNIQUE_CONSTRAINTS[pgErr.constraint ?? ''];
    return known
      ? { status: 409, ...known }
      : { status: 409, errorCode: 'conflict.duplicate', message: 'This already exists.' };
  }
  if (pgErr?.code === '23503') {
    return {
      status: 409,
      errorCode: 'conflict.reference',
      message: 'This refers to something that does not exist or is still in use.',
    };
  }
  if (pgErr?.code.startsWith('22')) {
    // Data exceptions (NUL bytes, out-of-range numbers) that slipped past the schemas.
    return {
      status: 400,
      errorCode: 'request.invalid_value',
      message:
        'A value contains characters or a number the database cannot store. Remove control characters or use a smaller number.',
    };
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) return clientErrorBody(fe, status, bodyLimit);
  return null;
}

/** An outage fails every request: one log line per cause and burst, not a stack per request. */
const OUTAGE_LOG_INTERVAL_MS = 30_000;

export function registerErrorHandler(app: FastifyInstance): void {
  const outages = new Map<string, { loggedAt: number; suppressed: number }>();
  const logOutage = (req: FastifyRequest, err: unknown, cause: string) => {
    const now = Date.now();
    const seen = outages.get(cause);
    if (seen && now - seen.loggedAt < OUTAGE_LOG_INTERVAL_MS) {
      seen.suppressed += 1;
      return;
    }
    const detail = classifyDbUnavailable(err)?.detail;
    req.log.error(
      { cause, detail, sameSinceLastLog: seen?.suppressed ?? 0 },
      `database unavailable (${cause}): ${detail}; answering 503 (logged once per ${OUTAGE_LOG_INTERVAL_MS / 1000} s)`,
    );
    outages.set(cause, { loggedAt: now, suppressed: 0 });
  };
  app.setErrorHandler((err, req, reply) => {
    const body = toErrorBody(err, req.routeOptions.bodyLimit);
    if (!body) {
      req.log.error({ err, route: req.routeOptions.url, method: req.method }, 'unexpected error');
    } else if (body.status === 503 && body.errorCode.startsWith('db.')) {
      logOutage(req, err, String(body.details?.cause));
    } else if (body.status >= 500) {
      req.log.error({ err }, 'server error');
    }
    const final: ErrorBody = body ?? {
      status: 500,
      errorCode: 'server.internal',
      message: `Something went wrong on the server. Try again; if it keeps failing, give the administrator request id ${req.id}.`,
    };
    const retryAfter = final.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    return reply.code(final.status).send(errorEnvelope(final, req.id));
  });
}

/** True for API paths that must answer in the envelope rather than the console's HTML. */
export const isApiPath = (req: FastifyRequest) => /^\/(sys|api)(\/|$)/.test(req.url);
