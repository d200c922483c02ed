/**
 * One HTTP exchange with the WeCom server API, decoded leniently (reference §0): business errors
 * arrive as HTTP 200 + errcode, errcode may be absent on success, numbers may arrive as strings,
 * and a proxy may answer with an HTML page. Everything that is not a readable WeCom answer becomes
 * a WeComError of kind network/transient so the retry policy can see it.
 */
import {
  agentsFor,
  describeNetworkError,
  exchange,
  joinUrl,
  jsonHeaders,
  type HeaderReader,
  type Query,
  type RawResponse,
} from '@orgbridge/provider-kit';
import { LOCAL_ERRCODE, WeComError } from './errors';

export type { HeaderReader, Query };

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

function networkError(api: string, err: unknown): WeComError {
  const f = describeNetworkError(err);
  return new WeComError({
    errcode: f.timeout ? LOCAL_ERRCODE.timeout : LOCAL_ERRCODE.network,
    errmsg: f.errmsg,
    api,
    uncertain: f.uncertain,
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
  const url = joinUrl(apiBase, `cgi-bin/${api}`);
  // access_token always goes in the query string, never in the body (reference §0).
  if (token !== undefined) url.searchParams.set('access_token', token);
  for (const [k, v] of Object.entries(query))
    if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
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
        res = await exchange(url, req.method, jsonHeaders(body), body, opts.timeoutMs, pair);
      } catch (err) {
        throw networkError(req.api, err);
      }
      return decodeBody(req.api, res.status, res.text, res.headers);
    },
  };
}
