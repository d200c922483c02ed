import type { FastifyInstance } from 'fastify';
import { apiKeyNote, route, type TenantContext } from '../../lib/route';
import type { DirectorySyncService } from './sync.service';
import {
  ApplyBodySchema,
  ItemsPageSchema,
  ItemsQuerySchema,
  PasswordsSchema,
  PlanSchema,
  PreviewBodySchema,
  RunIdParamsSchema,
  RunNowBodySchema,
  RunSchema,
  RunStartedSchema,
  RunsPageSchema,
  RunsQuerySchema,
} from './sync.schemas';
import { TERMINAL } from './sync.views';

const tags = ['third-app-sync'];
const POLL_MS = 300;

export function registerDirectorySyncRoutes(
  app: FastifyInstance,
  deps: { directorySync: DirectorySyncService },
): void {
  const svc = deps.directorySync;
  app.addHook('onClose', async () => svc.drain());

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/preview',
    operationId: 'previewSync',
    tags,
    access: 'admin',
    summary:
      'Read WeCom and store a plan (nothing else is written): departments to mirror, proposed pairs, creations, updates, leavers',
    body: PreviewBodySchema,
    result: PlanSchema,
    handler: ({ tenant, body }) => svc.preview(tenant, body.thirdType),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/apply',
    operationId: 'applySync',
    tags,
    access: 'admin',
    summary:
      'Apply a stored plan with the admin decisions in the background (409 when a run is active or the plan is stale)',
    body: ApplyBodySchema,
    result: RunStartedSchema,
    handler: ({ tenant, body }) => svc.apply(tenant, body),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/run',
    operationId: 'runSync',
    apiKey: 'sync:run',
    tags,
    access: 'admin',
    summary:
      'Read, plan and apply in one go with automatic pairing (trigger "api"; scheduled and callback runs use the same path)',
    body: RunNowBodySchema,
    result: RunStartedSchema,
    // A key starts the run as the scheduled job does; the run names no person then.
    handler: ({ tenant, session, body }) =>
      svc.runNow(tenant.tenantId, body.thirdType, {
        trigger: 'api',
        actorUserId: session.apiKey ? null : tenant.userId,
      }),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/sync/runs',
    operationId: 'listSyncRuns',
    tags,
    access: 'admin',
    summary: 'Sync run history, newest first',
    querystring: RunsQuerySchema,
    result: RunsPageSchema,
    handler: ({ tenant, query }) => svc.listRuns(tenant, query.page, query.pageSize),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/sync/runs/:id',
    operationId: 'getSyncRun',
    apiKey: 'sync:run',
    tags,
    access: 'admin',
    summary: 'Status, progress (phase, done, total), counts and error of a run',
    params: RunIdParamsSchema,
    result: RunSchema,
    handler: ({ tenant, params }) => svc.getRun(tenant, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/sync/runs/:id/items',
    operationId: 'listSyncRunItems',
    tags,
    access: 'admin',
    summary: 'Per-item outcomes of a run with reason codes (names masked)',
    params: RunIdParamsSchema,
    querystring: ItemsQuerySchema,
    result: ItemsPageSchema,
    handler: ({ tenant, params, query }) => svc.listItems(tenant, params.id, query),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/runs/:id/confirm',
    operationId: 'confirmSyncRun',
    tags,
    access: 'admin',
    summary: 'Proceed with a run stopped by the mass-change threshold or a partial read',
    params: RunIdParamsSchema,
    result: RunStartedSchema,
    handler: ({ tenant, params }) => svc.confirm(tenant, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/runs/:id/passwords',
    operationId: 'takeSyncRunPasswords',
    tags,
    access: 'admin',
    summary: 'Generated initial passwords (policy "random"), shown once and then erased',
    params: RunIdParamsSchema,
    result: PasswordsSchema,
    handler: ({ tenant, params }) => svc.takePasswords(tenant, params.id),
  });

  app.route({
    method: 'GET',
    url: '/sys/thirdApp/sync/runs/:id/events',
    config: { access: 'admin', apiKey: 'sync:run' },
    schema: {
      operationId: 'syncRunEvents',
      tags,
      summary: 'Server-Sent Events: `progress` with the run view until the run ends',
      description: apiKeyNote('sync:run'),
      params: RunIdParamsSchema,
      security: [{ accessToken: [] }],
    },
    handler: async (req, reply) => {
      const tenant = req.ctx as TenantContext;
      const id = (req.params as { id: number }).id;
      let last = JSON.stringify(await svc.getRun(tenant, id));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (data: string) => res.write(`event: progress\ndata: ${data}\n\n`);
      send(last);
      let closed = false;
      req.raw.on('close', () => (closed = true));
      // Polls the row rather than an in-process emitter: the run may execute in another process.
      while (!closed && !TERMINAL.has((JSON.parse(last) as { status: string }).status)) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const now = JSON.stringify(await svc.getRun(tenant, id));
        if (now !== last) send((last = now));
      }
      res.write('event: end\ndata: {}\n\n');
      res.end();
    },
  });
}
