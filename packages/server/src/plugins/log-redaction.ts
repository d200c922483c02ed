import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose value must never reach a log line: OAuth `code` and `state` (PRODUCT.md
 * §7), one-time tickets, and anything named like a token, password or secret.
 */
const SECRET_PARAM = /^(code|state|ticket|auth_code|.*token|.*password|.*secret|signature|sig)$/i;

function paramName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The URL as it may be logged: secret query values replaced by `[redacted]`, the fragment (which
 * browsers never send, but a client might) dropped. Parameter order and the rest stay readable.
 */
export function redactUrl(url: string): string {
  const withoutHash = url.split('#', 1)[0]!;
  const q = withoutHash.indexOf('?');
  if (q < 0) return withoutHash;
  const query = withoutHash
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_PARAM.test(paramName(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${withoutHash.slice(0, q)}?${query}`;
}

/** Fastify's own request serializer (logger-pino.js) with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
