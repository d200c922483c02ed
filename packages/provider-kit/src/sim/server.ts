/**
 * The Fastify bootstrap of a provider simulator: one scope for the provider's APIs, which read the
 * raw body themselves (so a broken body gets the provider's own answer, not Fastify's), one for
 * the pages and the admin API; listening, and the URL the simulator is reached at.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface SimAppParts {
  bodyLimit: number;
  /** Registers the provider's API routes; request bodies arrive as the raw string. */
  apis(scope: FastifyInstance): void;
  /** Registers the simulator's pages and admin routes (Fastify's own body parsers). */
  pages(scope: FastifyInstance): void;
}

export function buildSimApp(parts: SimAppParts): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: parts.bodyLimit });
  app.register(async (apis) => {
    apis.removeAllContentTypeParsers();
    apis.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    parts.apis(apis);
  });
  app.register(async (pages) => parts.pages(pages));
  return app;
}

/** Listens on `host` (default 127.0.0.1) and `port` (default: any free one); returns the base URL. */
export async function listenSim(
  app: FastifyInstance,
  opts: { host?: string; port?: number },
): Promise<string> {
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
