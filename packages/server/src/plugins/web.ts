import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { errorEnvelope } from '../lib/envelope';
import { isApiPath } from './error-handler';

/** Vite names every file under assets/ by its content hash: a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always revalidated, so a new release is picked up. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built console with SPA fallback: the build's brotli/gzip copies when the browser
 * accepts them (the WeCom workbench on a phone loads a fraction of the bytes), hashed assets
 * cached for good, index.html revalidated. API paths that match no route answer a 404 envelope;
 * without a build, `/` explains how to make one.
 */
export async function registerWeb(app: FastifyInstance, webDist: string | null): Promise<void> {
  const hasConsole = webDist !== null && existsSync(join(webDist, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage =
      req.method === 'GET' && !isApiPath(req) && !/^\/(docs|openapi\.json)/.test(req.url);
    if (isPage && hasConsole) {
      return reply.type('text/html').header('cache-control', REVALIDATE).sendFile('index.html');
    }
    if (isPage && req.url === '/') {
      return reply
        .type('text/plain; charset=utf-8')
        .send(
          'OrgBridge API is running. The console is not built: run `npm run build`, then reload. API docs: /docs',
        );
    }
    return reply.code(404).send(
      errorEnvelope(
        {
          status: 404,
          errorCode: 'request.route_not_found',
          message: `No endpoint ${req.method} ${req.url.split('?')[0]}. See /docs for the API.`,
        },
        req.id,
      ),
    );
  });
}
