/**
 * Every simulated API goes through here, in this order: count, injected faults, latency, access
 * token, rate limits (90018 / 90006 on oapi, HTTP 403 on v1.0), then the handler.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimCore } from '../core';
import { ApiV1Error, DingTalkApiError, ERRMSG } from '../errors';
import type { Fault } from '../faults';

export interface ApiContext {
  query: Record<string, string | undefined>;
  body: Record<string, unknown>;
  headers: FastifyRequest['headers'];
}

export interface ApiDefinition {
  method: 'GET' | 'POST';
  /** Path without the leading slash: `topapi/v2/user/list`, `v1.0/oauth2/accessToken`. */
  api: string;
  /** 'app' (default): the app access token; 'none': token endpoints; 'user': checked by the handler. */
  auth?: 'app' | 'none' | 'user';
  handler(ctx: ApiContext): Record<string, unknown>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const requestId = () => randomBytes(9).toString('base64url').toLowerCase();

/** topapi takes JSON or form fields (DingTalk's own curl examples post form bodies). */
function parseBody(raw: unknown, contentType: string | undefined): Record<string, unknown> | null {
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  if (contentType?.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(raw));
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function oapiError(reply: FastifyReply, e: DingTalkApiError): FastifyReply {
  const body: Record<string, unknown> = {
    errcode: e.errcode,
    errmsg: e.text,
    request_id: requestId(),
  };
  if (e.errcode === 88 && e.subCode !== undefined) {
    const subMsg = ERRMSG[Number(e.subCode)] ?? e.text;
    Object.assign(body, {
      sub_code: e.subCode,
      sub_msg: subMsg,
      errmsg: `ding talk error[subcode=${e.subCode},submsg=${subMsg}]`,
    });
  }
  return reply.code(200).type('application/json;charset=UTF-8').send(JSON.stringify(body));
}

function v1Error(reply: FastifyReply, e: ApiV1Error): FastifyReply {
  return reply
    .code(e.status)
    .type('application/json;charset=UTF-8')
    .send(JSON.stringify({ requestid: requestId(), code: e.code, message: e.text }));
}

/** An injected or limit errcode as a v1.0 answer (status and code strings: README, UNCONFIRMED). */
export function v1FromErrcode(errcode: number): ApiV1Error {
  if (errcode === 90018 || errcode === 90006 || errcode === 90002)
    return new ApiV1Error(403, 'Forbidden.AccessDenied.QpsLimitForApi', ERRMSG[errcode] ?? '');
  if (errcode === 40014 || errcode === 42001)
    return new ApiV1Error(401, 'InvalidAuthentication', '不合法的access_token');
  if (errcode === -1) return new ApiV1Error(500, 'ServiceUnavailable', '系统繁忙');
  return new ApiV1Error(400, `Errcode.${errcode}`, ERRMSG[errcode] ?? '错误');
}

async function applyFault(
  fault: Fault,
  request: FastifyRequest,
  reply: FastifyReply,
  core: SimCore,
  v1: boolean,
) {
  if (fault.kind === 'timeout') {
    await sleep(core.settings.faultHoldMs);
    request.raw.socket.destroy();
    return reply;
  }
  if (fault.kind === 'reset') {
    request.raw.socket.destroy();
    return reply;
  }
  if (fault.kind === 'malformed')
    return reply.code(200).type('application/json').send('{"errcode":0,"errmsg":"ok","result":{');
  return v1
    ? v1Error(reply, v1FromErrcode(fault.errcode))
    : oapiError(reply, new DingTalkApiError(fault.errcode, undefined, fault.subCode));
}

function checkToken(core: SimCore, def: ApiDefinition, ctx: ApiContext, v1: boolean): void {
  if ((def.auth ?? 'app') !== 'app') return;
  const token = v1
    ? (ctx.headers['x-acs-dingtalk-access-token'] as string | undefined)
    : ctx.query.access_token;
  const state = core.tokens.checkApp(token);
  if (state === 'ok') return;
  if (v1) throw new ApiV1Error(401, 'InvalidAuthentication', '不合法的access_token');
  throw new DingTalkApiError(state === 'missing' ? 41001 : state === 'expired' ? 42001 : 40014);
}

export function registerApi(app: FastifyInstance, core: SimCore, def: ApiDefinition): void {
  const v1 = def.api.startsWith('v1.0/');
  app.route({
    method: def.method,
    url: `/${def.api}`,
    handler: async (request, reply) => {
      core.counts.set(def.api, (core.counts.get(def.api) ?? 0) + 1);
      const fault = core.faults.draw(def.api);
      if (fault) return applyFault(fault, request, reply, core, v1);
      const delay =
        core.settings.latencyMs + Math.floor(core.jitter.next() * core.settings.jitterMs);
      if (delay > 0) await sleep(delay);
      const query = request.query as Record<string, string | undefined>;
      const parsed = parseBody(request.body, request.headers['content-type']);
      try {
        if (parsed === null)
          throw v1
            ? new ApiV1Error(400, 'InvalidParameter', '请求体不是 JSON')
            : new DingTalkApiError(400002, '不合法的参数: 请求体不是 JSON');
        const ctx: ApiContext = {
          query,
          headers: request.headers,
          body: v1 ? parsed : { ...query, ...parsed },
        };
        checkToken(core, def, ctx, v1);
        const admitted = core.limits.admit(def.api);
        if (admitted !== 'ok') {
          const errcode = admitted === 'qps' ? 90018 : 90006;
          throw v1 ? v1FromErrcode(errcode) : new DingTalkApiError(errcode);
        }
        const result = def.handler(ctx);
        const body = v1 ? result : { errcode: 0, errmsg: 'ok', ...result, request_id: requestId() };
        return reply.code(200).type('application/json;charset=UTF-8').send(JSON.stringify(body));
      } catch (err) {
        if (err instanceof DingTalkApiError) return oapiError(reply, err);
        if (err instanceof ApiV1Error) return v1Error(reply, err);
        throw err;
      }
    },
  });
}
