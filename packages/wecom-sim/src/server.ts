import Fastify, { type FastifyInstance } from 'fastify';
import { createSimAdmin, type SimAdmin } from './admin';
import { createCore, type Credentials, type SimCore } from './core';
import { registerMemberPages } from './page/members';
import { registerOAuthPages } from './page/oauth-pages';
import { registerAdminRoutes } from './routes/admin-http';
import { registerCgiRoutes } from './routes/apis';
import { registerCardRoutes } from './routes/cards';
import { registerCardPages } from './page/cards';
import { registerContactRoutes } from './routes/contacts';
import type { SimOptions } from './types';

export interface Simulator {
  /** http://HOST:PORT — serves as WECOM_API_BASE, WECOM_OAUTH_BASE and WECOM_LOGIN_BASE. */
  url: string;
  credentials: Credentials;
  admin: SimAdmin;
  close(): Promise<void>;
}

function buildApp(core: SimCore, admin: SimAdmin): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 16 * 1024 * 1024 });
  app.register(async (cgi) => {
    // WeCom reads the raw body itself (and tolerates broken JSON with a warning), so no parser here.
    cgi.removeAllContentTypeParsers();
    cgi.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    registerCgiRoutes(cgi, core);
    registerContactRoutes(cgi, core);
    registerCardRoutes(cgi, core);
  });
  app.register(async (pages) => {
    registerOAuthPages(pages, core);
    registerMemberPages(pages, core);
    registerCardPages(pages, core);
    registerAdminRoutes(pages, admin, core.credentials);
  });
  return app;
}

/** Starts a simulated WeCom corp (one corp, one self-built app, a contacts-sync secret). */
export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const core = createCore(opts);
  const admin = createSimAdmin(core);
  const app = buildApp(core, admin);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    credentials: { ...core.credentials },
    admin,
    close: () => app.close(),
  };
}
