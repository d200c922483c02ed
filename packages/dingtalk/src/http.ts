/**
 * One HTTP exchange with DingTalk, decoded leniently. DingTalk has two server APIs:
 * - oapi (`https://oapi.dingtalk.com`, `gettoken`, `topapi/*`): HTTP 200 + `errcode`/`errmsg`
 *   (+ `sub_code`/`sub_msg` under errcode 88), access_token in the query string;
 * - api (`https://api.dingtalk.com`, `v1.0/*`): HTTP status + `{code, message, requestid}` on
 *   failure, the token in header `x-acs-dingtalk-access-token`.
 * Both are normalised to {@link DingTalkResponse}; anything that is not a readable answer becomes
 * a DingTalkError of kind network/transient so the retry policy can see it.
 */
import {
  agentsFor,
  describeNetworkError,
  exchange,
  joinUrl,
  jsonHeaders,
  type Query,
} from '@orgbridge/provider-kit';
import { optString } from './decode';
import { DingTalkError, LOCAL_ERRCODE } from './errors';

export type { Query };
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

function networkError(api: string, err: unknown): DingTalkError {
  const f = describeNetworkError(err);
  return new DingTalkError({
    errcode: f.timeout ? LOCAL_ERRCODE.timeout : LOCAL_ERRCODE.network,
    errmsg: f.errmsg,
    api,
    uncertain: f.uncertain,
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

export interface TransportOptions {
  oapiBase: string;
  apiBase: string;
  timeoutMs: number;
  proxy?: string;
}

export function buildUrl(base: string, api: string, query: Query = {}): URL {
  return joinUrl(base, api, query);
}

export function createTransport(opts: TransportOptions): Transport {
  const pair = agentsFor(opts.proxy);
  return {
    async send(req, accessToken) {
      const base = req.host === 'oapi' ? opts.oapiBase : opts.apiBase;
      const url = buildUrl(base, req.api, req.query);
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const headers = jsonHeaders(body);
      if (accessToken !== undefined) {
        if (req.host === 'oapi') url.searchParams.set('access_token', accessToken);
        else headers['x-acs-dingtalk-access-token'] = accessToken;
      }
      let res: RawResponse;
      try {
        const raw = await exchange(url, req.method, headers, body, opts.timeoutMs, pair);
        res = {
          status: raw.status,
          text: raw.text,
          contentType: raw.headers.get('content-type') ?? '',
        };
      } catch (err) {
        throw networkError(req.api, err);
      }
      return decodeResponse(req.host, req.api, res);
    },
  };
}
