/**
 * One HTTP exchange with the WeCom server API, decoded leniently (reference §0): business errors
 * arrive as HTTP 200 + errcode, errcode may be absent on success, numbers may arrive as strings,
 * and a proxy may answer with an HTML page. Everything that is not a readable WeCom answer becomes
 * a WeComError of kind network/transient so the retry policy can see it.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { LOCAL_ERRCODE, WeComError } from './errors';

export type Query = Record<string, string | number | undefined>;

export interface HttpRequest {
  api: string;
  method: 'GET' | 'POST';
  query?: Query;
  body?: unknown;
}

export interface WeComResponse {
  errcode: number;
  errmsg: string;
  body: Record<string, unknown>;
  /** Set when WeCom accepted the call but flagged the request JSON ("Warning: wrong json format"). */
  warning?: string;
}

export interface Transport {
  send(req: HttpRequest, accessToken?: string): Promise<WeComResponse>;
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

function networkError(api: string, err: unknown): WeComError {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const notSent = (err as { notSent?: boolean }).notSent === true;
    return new WeComError({
      errcode: LOCAL_ERRCODE.timeout,
      errmsg: notSent ? 'request timed out before the connection was made' : 'request timed out',
      api,
      uncertain: !notSent,
      cause: err,
    });
  }
  const code = errorCode(err);
  return new WeComError({
    errcode: LOCAL_ERRCODE.network,
    errmsg: `network error${code ? ` ${code}` : ''}: ${(err as Error)?.message ?? String(err)}`,
    api,
    uncertain: !(code && NOT_SENT_CODES.has(code)),
    cause: err,
  });
}

function badResponse(api: string, detail: string): WeComError {
  return new WeComError({
    errcode: LOCAL_ERRCODE.badResponse,
    errmsg: detail,
    api,
    uncertain: true,
  });
}

/** `errcode` as number, string or absent (absent = success, doc /90664). */
function readErrcode(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) ? n : undefined;
}

/** The two header reads decodeBody needs (a fetch `Headers` has them too). */
export interface HeaderReader {
  get(name: string): string | null;
  has(name: string): boolean;
}

export function decodeBody(
  api: string,
  status: number,
  text: string,
  headers: HeaderReader,
): WeComResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // A gateway may strip the body but keep WeCom's Error-Code header.
    const headerCode = Number(headers.get('error-code'));
    if (
      status === 200 &&
      headers.has('error-code') &&
      Number.isInteger(headerCode) &&
      headerCode !== 0
    ) {
      const errmsg = headers.get('error-msg') ?? '';
      return { errcode: headerCode, errmsg, body: {} };
    }
    // WeCom does not redirect; a proxy or an http:// API base may (WECOM_API_BASE).
    const location = status >= 300 && status < 400 ? headers.get('location') : null;
    // Type and size only, never the body: with a proxy of a tenant's choosing this message would
    // otherwise read back whatever answers at that address (an internal service's banner).
    const type = headers.get('content-type') ?? 'no content type';
    throw badResponse(
      api,
      `HTTP ${status}${location ? ` (redirect to ${location})` : ''}, body is not JSON (${type}, ${Buffer.byteLength(text)} bytes)`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badResponse(api, `HTTP ${status}, body is not a JSON object`);
  }
  const body = parsed as Record<string, unknown>;
  const errcode = readErrcode(body.errcode);
  if (errcode === undefined) throw badResponse(api, `HTTP ${status}, errcode is not a number`);
  if (status !== 200 && errcode === 0) throw badResponse(api, `HTTP ${status} without errcode`);
  const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
  const res: WeComResponse = { errcode, errmsg, body };
  if (/wrong json format/i.test(errmsg)) res.warning = errmsg;
  return res;
}

export function buildUrl(apiBase: string, api: string, query: Query = {}, token?: string): string {
  return requestUrl(apiBase, api, query, token).toString();
}

function requestUrl(apiBase: string, api: string, query: Query = {}, token?: string): URL {
  const url = new URL(`${apiBase.replace(/\/+$/, '')}/cgi-bin/${api}`);
  // access_token always goes in the query string, never in the body (reference §0).
  if (token !== undefined) url.searchParams.set('access_token', token);
  for (const [k, v] of Object.entries(query))
    if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/**
 * Keep-alive connections per protocol: a busy server sends thousands of messages a second
 * through a handful of sockets instead of a TLS handshake each. An idle socket is closed after
 * 4 s (as fetch's undici does), before a server's usual 5 s keep-alive timeout can close it
 * under a request. A reset is never retried here: it may have reached WeCom (request.ts decides
 * by the API's idempotence).
 */
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' } as const;
const agents = {
  'http:': new http.Agent(AGENT_OPTIONS),
  'https:': new https.Agent(AGENT_OPTIONS),
};

interface AgentPair {
  'http:': http.Agent;
  'https:': http.Agent;
}

/**
 * Agents through an egress proxy (`http://[user:pass@]host:port`, PRODUCT.md §8), one pair per
 * proxy URL for the whole process, kept alive like the direct ones: an https base is reached by
 * an HTTP CONNECT tunnel (https-proxy-agent), an http base (the simulator) by absolute-form
 * requests to the proxy (http-proxy-agent). Credentials in the URL go as Proxy-Authorization.
 */
const proxyAgents = new Map<string, AgentPair>();
/**
 * Proxy URLs come from tenants' configs and change with them: the map keeps the most recently
 * used ones only (a Map iterates in insertion order; a hit is moved to the end), and an evicted
 * pair's idle sockets are closed.
 */
const MAX_PROXY_AGENTS = 64;

function agentsFor(proxy: string | undefined): AgentPair {
  if (!proxy) return agents;
  let pair = proxyAgents.get(proxy);
  if (pair) {
    proxyAgents.delete(proxy);
  } else {
    pair = {
      'http:': new HttpProxyAgent(proxy, AGENT_OPTIONS),
      'https:': new HttpsProxyAgent(proxy, AGENT_OPTIONS),
    };
    if (proxyAgents.size >= MAX_PROXY_AGENTS) {
      const [oldest, evicted] = proxyAgents.entries().next().value as [string, AgentPair];
      proxyAgents.delete(oldest);
      evicted['http:'].destroy();
      evicted['https:'].destroy();
    }
  }
  proxyAgents.set(proxy, pair);
  return pair;
}

interface RawResponse {
  status: number;
  text: string;
  headers: HeaderReader;
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
 * headers and body, so a stalled body is a timeout too.
 */
function exchange(
  url: URL,
  method: string,
  body: string | undefined,
  timeoutMs: number,
  pair: AgentPair,
) {
  return new Promise<RawResponse>((resolve, reject) => {
    const agent = url.protocol === 'https:' ? pair['https:'] : pair['http:'];
    const headers: Record<string, string | number> = {
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method,
      agent,
      headers,
    });
    // Until the connection (and its TLS handshake) is made, nothing has been sent: a timeout
    // then is safe to retry for any API.
    let connected = false;
    req.once('socket', (socket) => {
      if (req.reusedSocket || !socket.connecting) connected = true;
      else
        socket.once(
          url.protocol === 'https:' ? 'secureConnect' : 'connect',
          () => (connected = true),
        );
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
          reject(err);
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

export function createTransport(opts: {
  apiBase: string;
  timeoutMs: number;
  /** Egress proxy `http(s)://[user:pass@]host:port`; every call goes through it when set. */
  proxy?: string;
}): Transport {
  const pair = agentsFor(opts.proxy);
  return {
    async send(req, accessToken) {
      const url = requestUrl(opts.apiBase, req.api, req.query, accessToken);
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      let res: RawResponse;
      try {
        res = await exchange(url, req.method, body, opts.timeoutMs, pair);
      } catch (err) {
        throw networkError(req.api, err);
      }
      return decodeBody(req.api, res.status, res.text, res.headers);
    },
  };
}
