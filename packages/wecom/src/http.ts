/**
 * One HTTP exchange with the WeCom server API, decoded leniently (reference §0): business errors
 * arrive as HTTP 200 + errcode, errcode may be absent on success, numbers may arrive as strings,
 * and a proxy may answer with an HTML page. Everything that is not a readable WeCom answer becomes
 * a WeComError of kind network/transient so the retry policy can see it.
 */
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
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function networkError(api: string, err: unknown): WeComError {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new WeComError({
      errcode: LOCAL_ERRCODE.timeout,
      errmsg: 'request timed out',
      api,
      uncertain: true,
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

export function decodeBody(
  api: string,
  status: number,
  text: string,
  headers: Headers,
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
    throw badResponse(api, `HTTP ${status}, body is not JSON: ${text.slice(0, 80)}`);
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
  const url = new URL(`${apiBase.replace(/\/+$/, '')}/cgi-bin/${api}`);
  // access_token always goes in the query string, never in the body (reference §0).
  if (token !== undefined) url.searchParams.set('access_token', token);
  for (const [k, v] of Object.entries(query))
    if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export function createTransport(opts: {
  apiBase: string;
  fetch: typeof fetch;
  timeoutMs: number;
}): Transport {
  return {
    async send(req, accessToken) {
      const url = buildUrl(opts.apiBase, req.api, req.query, accessToken);
      // One signal covers connect, headers and body: a stalled body is a timeout too.
      const signal = AbortSignal.timeout(opts.timeoutMs);
      let status: number;
      let text: string;
      let headers: Headers;
      try {
        const res = await opts.fetch(url, {
          method: req.method,
          signal,
          ...(req.body === undefined
            ? {}
            : { body: JSON.stringify(req.body), headers: { 'content-type': 'application/json' } }),
        });
        status = res.status;
        headers = res.headers;
        text = await res.text();
      } catch (err) {
        throw networkError(req.api, err);
      }
      return decodeBody(req.api, status, text, headers);
    },
  };
}
