import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import { Empty } from '../../lib/schemas';
import {
  VerifyFileBodySchema,
  VerifyFileListSchema,
  VerifyFileParamsSchema,
  VerifyFileSchema,
} from './verify-files.schemas';
import type { VerifyFilesService } from './verify-files.service';

const tags = ['third-app'];

/**
 * The public file at the site root. A regular-expression parameter, so only verification names
 * reach it and every other one-segment path still falls through to the console (plugins/web.ts).
 */
const PUBLIC_PATH = '/:fileName(^WW_verify_[A-Za-z0-9]{1,64}\\.txt$)';

export function registerVerifyFileRoutes(
  app: FastifyInstance,
  deps: { verifyFiles: VerifyFilesService },
): void {
  const svc = deps.verifyFiles;

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/verifyFiles',
    operationId: 'listVerifyFiles',
    tags,
    access: 'admin',
    summary: "The current tenant's domain verification files (WW_verify_*.txt)",
    result: VerifyFileListSchema,
    handler: ({ tenant }) => svc.list(tenant),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/verifyFiles',
    operationId: 'uploadVerifyFile',
    errors: { 409: 'The tenant already serves the maximum number of files.' },
    tags,
    access: 'admin',
    summary: 'Upload (or replace) a domain verification file, served at /<fileName>',
    description:
      'WeCom asks a trusted domain (可信域名) to serve `WW_verify_<code>.txt` at its root. Served as text/plain on the tenant’s own host and on PUBLIC_URL’s host. 400 verify_files.name_invalid / content_invalid; 409 verify_files.name_taken when another tenant serves the name.',
    body: VerifyFileBodySchema,
    result: VerifyFileSchema,
    handler: ({ tenant, body, req }) => svc.upload(tenant, body, req.ip),
  });

  route(app, {
    method: 'DELETE',
    url: '/sys/thirdApp/verifyFiles/:fileName',
    operationId: 'deleteVerifyFile',
    tags,
    access: 'admin',
    summary: 'Stop serving a domain verification file',
    params: VerifyFileParamsSchema,
    result: Empty,
    handler: async ({ tenant, params, req }) => {
      await svc.remove(tenant, params.fileName, req.ip);
      return {};
    },
  });

  app.route<{ Params: { fileName: string } }>({
    method: 'GET',
    url: PUBLIC_PATH,
    config: { access: 'public' },
    // Outside /sys like /health: a site-root file for WeCom's crawler, not part of the API.
    schema: { hide: true, params: Type.Object({ fileName: Type.String() }) },
    handler: async (req, reply) => {
      const content = await svc.served(req.params.fileName, req.hostname);
      void reply.header('cache-control', 'no-cache');
      if (content === null) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
      }
      return reply.type('text/plain; charset=utf-8').send(content);
    },
  });
}
