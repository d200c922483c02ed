import Fastify, { type FastifyInstance } from 'fastify';
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
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 4 * 1024 * 1024 });
  app.register(async (apis) => {
    // The APIs read the raw body themselves so a broken body gets DingTalk's answer, not Fastify's.
    apis.removeAllContentTypeParsers();
    apis.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    registerOapiRoutes(apis, core);
    registerV1Routes(apis, core);
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
  app.register(async (pages) => {
    registerPages(pages, core);
    registerAdminRoutes(pages, admin, core.credentials);
  });
  return app;
}

/** Starts a simulated DingTalk corp with one internal app (企业内部应用). */
export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const core = createCore(opts);
  const admin = createSimAdmin(core);
  const app = buildApp(core, admin);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    credentials: { ...core.credentials },
    admin,
    close: () => app.close(),
  };
}
