import { buildSimApp, listenSim } from '@orgbridge/provider-kit/sim';
import type { FastifyInstance } from 'fastify';
import { createSimAdmin, type SimAdmin } from './admin';
import { createCore, type Credentials, type SimCore } from './core';
import { registerPages } from './page/pages';
import { registerAdminRoutes } from './routes/admin-http';
import { registerOapiRoutes } from './routes/oapi';
import { registerV1Routes } from './routes/v1';
import type { SimOptions } from './types';

export interface Simulator {
  /** http://HOST:PORT — serves as DINGTALK_API_BASE, DINGTALK_OAPI_BASE and DINGTALK_LOGIN_BASE. */
  url: string;
  credentials: Credentials;
  admin: SimAdmin;
  close(): Promise<void>;
}

function buildApp(core: SimCore, admin: SimAdmin): FastifyInstance {
  const app = buildSimApp({
    bodyLimit: 4 * 1024 * 1024,
    // The APIs read the raw body themselves so a broken body gets DingTalk's answer, not Fastify's.
    apis(apis) {
      registerOapiRoutes(apis, core);
      registerV1Routes(apis, core);
    },
    pages(pages) {
      registerPages(pages, core);
      registerAdminRoutes(pages, admin, core.credentials);
    },
  });
  // An unknown topapi path: oapi's own answer (errcode 22, observed at oapi.dingtalk.com).
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/topapi/'))
      return reply.code(404).send({ error: `no such path ${path}` });
    const apiName = `dingtalk.oapi.${path.slice('/topapi/'.length).replaceAll('/', '.')}`;
    const subMsg = `不合法ApiName，ApiName = ${apiName}`;
    return reply.code(200).send({
      errcode: 22,
      sub_msg: subMsg,
      errmsg: `Invalid method[submsg=${subMsg}]`,
      request_id: 'notfound',
    });
  });
  return app;
}

/** Starts a simulated DingTalk corp with one internal app (企业内部应用). */
export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const core = createCore(opts);
  const admin = createSimAdmin(core);
  const app = buildApp(core, admin);
  return {
    url: await listenSim(app, opts),
    credentials: { ...core.credentials },
    admin,
    close: () => app.close(),
  };
}
