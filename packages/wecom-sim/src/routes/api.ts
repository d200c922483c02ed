import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appOf } from '../access';
import type { SimCore } from '../core';
import { WeComApiError, formatErrmsg } from '../errors';
import type { Fault } from '../faults';
import type { TokenOwner } from '../tokens';
import type { SimApp } from '../types';

export interface ApiContext {
  owner: TokenOwner;
  /** The caller's app; null for the contacts-sync secret. */
  app: SimApp | null;
  query: Record<string, string | undefined>;
  body: Record<string, unknown>;
  ip: string;
}

export interface ApiDefinition {
  method: 'GET' | 'POST';
  /** Path below /cgi-bin/, e.g. `user/list`. */
  api: string;
  /** false for gettoken: no access_token, no trusted-IP check. */
  authenticated?: boolean;
  handler(ctx: ApiContext, request: FastifyRequest): Record<string, unknown>;
}

export const callerIp = (request: FastifyRequest): string => request.ip.replace(/^::ffff:/, '');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function parseBody(raw: unknown): { body: Record<string, unknown>; malformed: boolean } {
  if (typeof raw !== 'string' || raw.trim() === '') return { body: {}, malformed: false };
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null
      ? { body: value as Record<string, unknown>, malformed: false }
      : { body: {}, malformed: true };
  } catch {
    return { body: {}, malformed: true };
  }
}

function send(
  reply: FastifyReply,
  errcode: number,
  errmsg: string,
  payload: Record<string, unknown>,
): FastifyReply {
  return (
    reply
      .header('Error-Code', String(errcode))
      // Header values must be Latin-1; errmsg texts are ASCII, but never let one break the response.
      .header('Error-Msg', errmsg.replace(/[^\x20-\x7e]/g, '?'))
      .type('application/json; charset=UTF-8')
      .send(JSON.stringify({ errcode, errmsg, ...payload }))
  );
}

/**
 * Every /cgi-bin API goes through here, in WeCom's order of checks: concurrency (45033), injected
 * faults, frequency (45009), method, access_token (query only), 企业可信IP (60020), then the handler.
 */
export function registerApi(app: FastifyInstance, core: SimCore, def: ApiDefinition): void {
  const apiKey = `/cgi-bin/${def.api}`;
  app.route({
    method: ['GET', 'POST'],
    url: apiKey,
    handler: async (request, reply) => {
      core.counts.set(apiKey, (core.counts.get(apiKey) ?? 0) + 1);
      const ip = callerIp(request);
      const query = request.query as Record<string, string | undefined>;
      const { body, malformed } = parseBody(request.body);
      const fail = (error: WeComApiError): FastifyReply => {
        const text = (malformed ? 'Warning: wrong json format. ' : '') + error.text;
        return send(
          reply,
          error.errcode,
          formatErrmsg(error.errcode, text, ip, core.clock.now()),
          error.extra,
        );
      };
      const entered = core.limits.enter(def.api);
      try {
        if (core.settings.latencyMs > 0) await sleep(core.settings.latencyMs);
        if (!entered) return fail(new WeComApiError(45033));
        const fault = core.faults.draw(def.api);
        if (fault) return applyFault(core, fault, request, reply, fail);
        if (!core.limits.allow(def.api, query.debug === '1')) return fail(new WeComApiError(45009));
        if (def.method === 'POST' && request.method === 'GET')
          return fail(new WeComApiError(40058, 'request body missing, use POST'));
        const owner: TokenOwner =
          def.authenticated === false
            ? { kind: 'contact' }
            : core.tokens.authenticate(query.access_token);
        const callerApp = appOf(core.state.apps, owner);
        if (def.authenticated !== false) checkIp(core, callerApp, ip);
        const result = def.handler({ owner, app: callerApp, query, body, ip }, request);
        return send(reply, 0, 'ok', result);
      } catch (error) {
        if (error instanceof WeComApiError) return fail(error);
        throw error;
      } finally {
        core.limits.leave(def.api, entered);
      }
    },
  });
}

function checkIp(core: SimCore, app: SimApp | null, ip: string): void {
  const allowed = app ? app.trustedIps : core.settings.contactTrustedIps;
  if (allowed && !allowed.includes(ip)) throw new WeComApiError(60020);
}

function applyFault(
  core: SimCore,
  fault: Fault,
  request: FastifyRequest,
  reply: FastifyReply,
  fail: (e: WeComApiError) => FastifyReply,
): FastifyReply | Promise<FastifyReply> {
  switch (fault.kind) {
    case 'reset':
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    case 'timeout':
      // Hold the request past any sane client timeout, then drop the connection without an answer.
      reply.hijack();
      setTimeout(() => request.raw.socket.destroy(), core.settings.faultHoldMs).unref();
      return reply;
    case 'malformed':
      return reply
        .header('Error-Code', '0')
        .type('application/json; charset=UTF-8')
        .send('{"errcode":0,"errmsg":"ok","userlist":[{"userid":"zhang');
    case 'errcode': {
      const token = (request.query as Record<string, string | undefined>).access_token;
      // A token reported as expired/invalid is dead: the client must fetch a new one.
      if (token && (fault.errcode === 42001 || fault.errcode === 40014))
        core.tokens.expire(token, fault.errcode);
      return fail(new WeComApiError(fault.errcode));
    }
  }
}
