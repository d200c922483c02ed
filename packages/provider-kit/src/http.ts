/**
 * One HTTP exchange with a provider's server API over node:http(s), and the keep-alive agents it
 * goes through. The provider packages decode the answer and turn failures into their own error
 * class; what a failure means (timed out, sent or not) is decided here, once.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

export type Query = Record<string, string | number | undefined>;

export interface AgentPair {
  'http:': http.Agent;
  'https:': http.Agent;
}

/**
 * Keep-alive connections per protocol: a busy server sends thousands of messages a second
 * through a handful of sockets instead of a TLS handshake each. An idle socket is closed after
 * 4 s (as fetch's undici does), before a server's usual 5 s keep-alive timeout can close it
 * under a request. A reset is never retried here: it may have reached the provider (the request
 * loop decides by the API's idempotence).
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' } as const;
const direct: AgentPair = {
  'http:': new http.Agent(AGENT_OPTIONS),
  'https:': new https.Agent(AGENT_OPTIONS),
};

/**
 * Agents through an egress proxy (`http://[user:pass@]host:port`, PRODUCT.md §8), one pair per
 * proxy URL for the whole process, kept alive like the direct ones: an https base is reached by
 * an HTTP CONNECT tunnel (https-proxy-agent), an http base (a simulator) by absolute-form
 * requests to the proxy (http-proxy-agent). Credentials in the URL go as Proxy-Authorization.
 */
const proxied = new Map<string, AgentPair>();
/**
 * Proxy URLs come from tenants' configs and change with them: the map keeps the most recently
 * used ones only (a Map iterates in insertion order; a hit is moved to the end), and an evicted
 * pair's idle sockets are closed.
 */
const MAX_PROXY_AGENTS = 64;

export function agentsFor(proxy: string | undefined): AgentPair {
  if (!proxy) return direct;
  let pair = proxied.get(proxy);
  if (pair) {
    proxied.delete(proxy);
  } else {
    pair = {
      'http:': new HttpProxyAgent(proxy, AGENT_OPTIONS),
      'https:': new HttpsProxyAgent(proxy, AGENT_OPTIONS),
    };
    if (proxied.size >= MAX_PROXY_AGENTS) {
      const [oldest, evicted] = proxied.entries().next().value as [string, AgentPair];
      proxied.delete(oldest);
      evicted['http:'].destroy();
      evicted['https:'].destroy();
    }
  }
  proxied.set(proxy, pair);
  return pair;
}

/** `base` + `/` + `path` (trailing slashes of base dropped) with the defined query values. */
export function joinUrl(base: string, path: string, query: Query = {}): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path}`);
  for (const [k, v] of Object.entries(query))
    if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/** The request headers of a JSON exchange; `body` is the serialised JSON, if any. */
export function jsonHeaders(body: string | undefined): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(body);
  }
  return headers;
}

/** The two header reads a decoder needs (a fetch `Headers` has them too). */
export interface HeaderReader {
  get(name: string): string | null;
  has(name: string): boolean;
}

export interface RawResponse {
  status: number;
  text: string;
  headers: HeaderReader;
}

/** Errors raised before the request left this host: safe to retry even for non-idempotent APIs. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // The TLS handshake failed: nothing was sent over it.
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** How a failed exchange reads: the provider wraps it in its own error class. */
export interface NetworkFailure {
  /** Timed out (else: a network error). */
  timeout: boolean;
  errmsg: string;
  /** The request may have reached the provider. */
  uncertain: boolean;
}

export function describeNetworkError(err: unknown): NetworkFailure {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const notSent = (err as { notSent?: boolean }).notSent === true;
    return {
      timeout: true,
      errmsg: notSent ? 'request timed out before the connection was made' : 'request timed out',
      uncertain: !notSent,
    };
  }
  const code = errorCode(err);
  return {
    timeout: false,
    errmsg: `network error${code ? ` ${code}` : ''}: ${(err as Error)?.message ?? String(err)}`,
    uncertain: !(code && NOT_SENT_CODES.has(code)),
  };
}

function timeoutError(ms: number, connected: boolean): Error {
  const err = new Error(
    connected ? `no complete answer within ${ms} ms` : `no connection within ${ms} ms`,
  );
  err.name = 'TimeoutError';
  return Object.assign(err, { notSent: !connected });
}

/** The body as text, decompressed as the server says it is (we ask for gzip, deflate or br). */
function bodyText(raw: Buffer, encoding: string | undefined): string {
  const enc = encoding?.trim().toLowerCase();
  const plain =
    enc === 'gzip' || enc === 'x-gzip'
      ? zlib.gunzipSync(raw)
      : enc === 'deflate'
        ? zlib.inflateSync(raw)
        : enc === 'br'
          ? zlib.brotliDecompressSync(raw)
          : raw;
  const text = plain.toString('utf8');
  // A byte-order mark is not JSON (fetch's text() dropped it too).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * One exchange over node:http(s): Node's own client costs a fraction of `fetch`'s CPU per call,
 * which is most of what a message send spends outside the database. One timer covers connect,
 * headers and body, so a stalled body is a timeout too. Rejects with the raw error; read it
 * with {@link describeNetworkError}.
 */
export function exchange(
  url: URL,
  method: string,
  headers: Record<string, string | number>,
  body: string | undefined,
  timeoutMs: number,
  pair: AgentPair,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const req = (secure ? https : http).request(url, {
      method,
      agent: secure ? pair['https:'] : pair['http:'],
      headers,
    });
    // Until the connection (and its TLS handshake) is made, nothing has been sent: a timeout
    // then is safe to retry for any API.
    let connected = false;
    req.once('socket', (socket) => {
      if (req.reusedSocket || !socket.connecting) connected = true;
      else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
    });
    const timer = setTimeout(() => req.destroy(timeoutError(timeoutMs, connected)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    req.once('error', fail);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', fail);
      res.once('aborted', () =>
        fail(Object.assign(new Error('answer cut off'), { code: 'ECONNRESET' })),
      );
      res.once('end', () => {
        clearTimeout(timer);
        const raw = res.headers;
        let text: string;
        try {
          text = bodyText(Buffer.concat(chunks), raw['content-encoding']);
        } catch (err) {
          reject(err as Error);
          return;
        }
        resolve({
          status: res.statusCode ?? 0,
          text,
          headers: {
            get: (name) => {
              const v = raw[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            },
            has: (name) => raw[name.toLowerCase()] !== undefined,
          },
        });
      });
    });
    req.end(body);
  });
}
