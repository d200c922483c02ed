import { buildSimApp, listenSim } from '@orgbridge/provider-kit/sim';
import type { FastifyInstance } from 'fastify';
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
  return buildSimApp({
    bodyLimit: 16 * 1024 * 1024,
    // WeCom reads the raw body itself (and tolerates broken JSON with a warning).
    apis(cgi) {
      registerCgiRoutes(cgi, core);
      registerContactRoutes(cgi, core);
      registerCardRoutes(cgi, core);
    },
    pages(pages) {
      registerOAuthPages(pages, core);
      registerMemberPages(pages, core);
      registerCardPages(pages, core);
      registerAdminRoutes(pages, admin, core.credentials);
    },
  });
}

/** Starts a simulated WeCom corp (one corp, one self-built app, a contacts-sync secret). */
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
