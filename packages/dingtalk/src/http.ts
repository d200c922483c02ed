/**
 * One HTTP exchange with DingTalk, decoded leniently. DingTalk has two server APIs:
 * - oapi (`https://oapi.dingtalk.com`, `gettoken`, `topapi/*`): HTTP 200 + `errcode`/`errmsg`
 *   (+ `sub_code`/`sub_msg` under errcode 88), access_token in the query string;
 * - api (`https://api.dingtalk.com`, `v1.0/*`): HTTP status + `{code, message, requestid}` on
 *   failure, the token in header `x-acs-dingtalk-access-token`.
 * Both are normalised to {@link DingTalkResponse}; anything that is not a readable answer becomes
 * a DingTalkError of kind network/transient so the retry policy can see it.
 */
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { agentsFor, type AgentPair } from './agents';
import { optString } from './decode';
import { DingTalkError, LOCAL_ERRCODE } from './errors';

export type Query = Record<string, string | number | undefined>;
export type Host = 'oapi' | 'api';

export interface HttpRequest {
  host: Host;
  /** Path without the leading slash: `topapi/v2/user/list`, `v1.0/oauth2/accessToken`. */
  api: string;
  method: 'GET' | 'POST';
  query?: Query;
  body?: unknown;
}

export interface DingTalkResponse {
  errcode: number;
  errmsg: string;
  body: Record<string, unknown>;
  subCode?: string;
  /** v1.0 refusals. */
  code?: string;
  status?: number;
}

export interface Transport {
  send(req: HttpRequest, accessToken?: string): Promise<DingTalkResponse>;
}

/** Errors raised before the request left this host: safe to retry for any API. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function networkError(api: string, err: unknown): DingTalkError {
  const e = err as { name?: string; code?: unknown; notSent?: boolean; message?: string };
  if (e?.name === 'TimeoutError') {
    const notSent = e.notSent === true;
    return new DingTalkError({
      errcode: LOCAL_ERRCODE.timeout,
      errmsg: notSent ? 'request timed out before the connection was made' : 'request timed out',
      api,
      uncertain: !notSent,
      cause: err,
    });
  }
  const code = typeof e?.code === 'string' ? e.code : undefined;
  return new DingTalkError({
    errcode: LOCAL_ERRCODE.network,
    errmsg: `network error${code ? ` ${code}` : ''}: ${e?.message ?? String(err)}`,
    api,
    uncertain: !(code && NOT_SENT_CODES.has(code)),
    cause: err,
  });
}

const badResponse = (api: string, detail: string) =>
  new DingTalkError({ errcode: LOCAL_ERRCODE.badResponse, errmsg: detail, api, uncertain: true });

interface RawResponse {
  status: number;
  text: string;
  contentType: string;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes one answer of either API; exported for unit tests of the wire quirks. */
export function decodeResponse(host: Host, api: string, res: RawResponse): DingTalkResponse {
  const body = parseObject(res.text);
  if (!body) {
    // Type and size only, never the body: with a tenant's proxy it could be anyone's page.
    throw badResponse(
      api,
      `HTTP ${res.status}, body is not a JSON object (${res.contentType || 'no content type'}, ${Buffer.byteLength(res.text)} bytes)`,
    );
  }
  if (host === 'api') {
    if (res.status >= 200 && res.status < 300) return { errcode: 0, errmsg: '', body };
    // The official SDK's gateway reads `code`/`message` or `Code`/`Message` (@alicloud/gateway-dingtalk).
    const code = optString(body.code ?? body.Code) ?? `HTTP${res.status}`;
    return {
      errcode: LOCAL_ERRCODE.apiError,
      errmsg: optString(body.message ?? body.Message) ?? '',
      body,
      code,
      status: res.status,
    };
  }
  const raw = body.errcode;
  const errcode = raw === undefined || raw === null || raw === '' ? 0 : Number(raw);
  if (!Number.isInteger(errcode))
    throw badResponse(api, `HTTP ${res.status}, errcode is not a number`);
  if (res.status !== 200 && errcode === 0)
    throw badResponse(api, `HTTP ${res.status} without errcode`);
  const out: DingTalkResponse = { errcode, errmsg: optString(body.errmsg) ?? '', body };
  const subCode = optString(body.sub_code);
  if (subCode !== undefined && subCode !== '') out.subCode = subCode;
  return out;
}

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
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function timeoutError(ms: number, connected: boolean): Error {
  const err = new Error(
    connected ? `no complete answer within ${ms} ms` : `no connection within ${ms} ms`,
  );
  err.name = 'TimeoutError';
  return Object.assign(err, { notSent: !connected });
}

/** One exchange over node:http(s); one timer covers connect, headers and body. */
function exchange(
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
        try {
          resolve({
            status: res.statusCode ?? 0,
            text: bodyText(Buffer.concat(chunks), res.headers['content-encoding']),
            contentType: res.headers['content-type'] ?? '',
          });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.end(body);
  });
}

export interface TransportOptions {
  oapiBase: string;
  apiBase: string;
  timeoutMs: number;
  proxy?: string;
}

export function buildUrl(base: string, api: string, query: Query = {}): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}/${api}`);
  for (const [k, v] of Object.entries(query))
    if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

export function createTransport(opts: TransportOptions): Transport {
  const pair = agentsFor(opts.proxy);
  return {
    async send(req, accessToken) {
      const base = req.host === 'oapi' ? opts.oapiBase : opts.apiBase;
      const url = buildUrl(base, req.api, req.query);
      const headers: Record<string, string | number> = {
        accept: 'application/json',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (accessToken !== undefined) {
        if (req.host === 'oapi') url.searchParams.set('access_token', accessToken);
        else headers['x-acs-dingtalk-access-token'] = accessToken;
      }
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      let res: RawResponse;
      try {
        res = await exchange(url, req.method, headers, body, opts.timeoutMs, pair);
      } catch (err) {
        throw networkError(req.api, err);
      }
      return decodeResponse(req.host, req.api, res);
    },
  };
}
