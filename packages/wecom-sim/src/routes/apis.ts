import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import { WeComApiError } from '../errors';
import type { SimApp } from '../types';
import { registerApi, type ApiContext } from './api';

/** gettoken (doc /91039): one live token per secret; not subject to 企业可信IP. */
function registerToken(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, {
    method: 'GET',
    api: 'gettoken',
    authenticated: false,
    handler: ({ query }) => {
      if (!query.corpid) throw new WeComApiError(41002);
      if (query.corpid !== core.credentials.corpId) throw new WeComApiError(40013);
      if (!query.corpsecret) throw new WeComApiError(41004);
      const secret = query.corpsecret;
      let issued;
      if (secret === core.credentials.contactSecret)
        issued = core.tokens.issue(secret, { kind: 'contact' });
      else {
        const owner = [...core.state.apps.values()].find((a) => a.secret === secret);
        if (!owner) throw new WeComApiError(40001);
        issued = core.tokens.issue(secret, { kind: 'app', agentId: owner.agentId });
      }
      return { access_token: issued.token, expires_in: issued.expiresIn };
    },
  });
}

/** App-only APIs: the contacts-sync secret may not send messages (48002). */
function requireApp(ctx: ApiContext, contactErrcode = 48002): SimApp {
  if (!ctx.app) throw new WeComApiError(contactErrcode);
  return ctx.app;
}

function registerMessages(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, {
    method: 'POST',
    api: 'message/send',
    handler: (ctx) => {
      const caller = requireApp(ctx);
      const agentid = ctx.body.agentid;
      if (agentid === undefined || agentid === null || agentid === '')
        throw new WeComApiError(41011);
      if (typeof agentid !== 'number') throw new WeComApiError(40056);
      if (agentid !== caller.agentId) {
        throw new WeComApiError(core.state.apps.has(agentid) ? 301002 : 40056);
      }
      // Interactive cards: task id and buttons checked first, answered with a response_code.
      const card = core.cards.check(caller, ctx.body);
      const sent = core.messaging.send(caller, ctx.body);
      const message = card ? core.messaging.find(String(sent.msgid)) : undefined;
      return card && message ? { ...sent, ...core.cards.record(caller, card, message) } : sent;
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'message/recall',
    handler: (ctx) => {
      core.messaging.recall(requireApp(ctx), ctx.body);
      return {};
    },
  });
}

/** Code exchange (doc /91023, /95833), plus the legacy PascalCase user/getuserinfo. */
function registerAuth(app: FastifyInstance, core: SimCore): void {
  registerApi(app, core, {
    method: 'GET',
    api: 'auth/getuserinfo',
    handler: (ctx) => core.oauth.exchange(requireApp(ctx, 50001), ctx.query.code),
  });
  registerApi(app, core, {
    method: 'GET',
    api: 'user/getuserinfo',
    handler: (ctx) => {
      const result = core.oauth.exchange(requireApp(ctx, 50001), ctx.query.code);
      const device = { DeviceId: '' };
      if ('openid' in result) return { OpenId: result.openid, ...device };
      const ticket = result.user_ticket
        ? { user_ticket: result.user_ticket, expires_in: result.expires_in }
        : {};
      return { UserId: result.userid, ...device, ...ticket };
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'auth/getuserdetail',
    handler: (ctx) => core.oauth.detail(requireApp(ctx), ctx.body.user_ticket),
  });
}

export function registerCgiRoutes(app: FastifyInstance, core: SimCore): void {
  registerToken(app, core);
  registerMessages(app, core);
  registerAuth(app, core);
}
