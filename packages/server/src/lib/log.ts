import { pino, type Logger } from 'pino';
import { serializeRequest } from '../plugins/log-redaction';

/** What a module needs of the logger: pino's and Fastify's loggers both fit. */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const SECRET_KEYS = [
  'password',
  'oldPassword',
  'newPassword',
  'adminPassword',
  'token',
  'secret',
  'secretKey',
  'clientSecret',
  'contactSecret',
  'encodingAesKey',
  'accessToken',
  'ticket',
];

/** Everything that must never reach a log line: secret keys at the top level and two levels down. */
export const REDACT_PATHS = [
  'req.headers["x-access-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

/**
 * pino's error serializer, without the driver objects some errors carry: node-postgres puts its
 * `client` (connection parameters, password included) on connection errors, far below the
 * redaction paths' reach, and hundreds of lines of internals with it.
 */
export function serializeError(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ['client', 'connection', 'connectionParameters']) delete out[key];
  return out;
}

/**
 * The process's one logger (PRODUCT.md §10): pino JSON lines, secrets redacted. start.ts makes it
 * before the database opens and hands it to the database and the app; every module logs through it.
 */
export function createLogger(opts: {
  level: string;
  /** Where lines go (default stdout), e.g. a file or a log shipper's stream. */
  stream?: { write(line: string): void };
}): Logger {
  return pino(
    {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // OAuth callbacks carry `code` and `state` in the URL (PRODUCT.md §7): never logged.
      serializers: { req: serializeRequest, err: serializeError },
    },
    opts.stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

let fallback: Logger | undefined;

/**
 * For code used without the app's logger (scripts and tests that open a database by hand): the
 * same JSON lines, on stderr. The server always passes its own.
 */
export function fallbackLog(): Logger {
  fallback ??= pino(
    {
      level: 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    pino.destination({ dest: 2, sync: true }),
  );
  return fallback;
}
