import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { FastifyRequest } from 'fastify';
import { apiKeyNote, route, type SessionInfo, type TenantContext } from '../../lib/route';
import { auditActor } from '../audit/audit.recorder';
import type { AuthService } from '../auth/auth.service';
import type { TenantContextResolver } from '../tenants/tenant-context';
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
import { applyExamples, previewExamples } from './sync.examples';

const tags = ['third-app-sync'];
/** Who acted, for the run's audit entry. */
const whoOf = (session: SessionInfo, req: FastifyRequest) => ({
  ...auditActor(session),
  ip: req.ip,
});
const POLL_MS = 300;

export function registerDirectorySyncRoutes(
  app: FastifyInstance,
  deps: {
    directorySync: DirectorySyncService;
    auth: Pick<AuthService, 'authenticate'>;
    resolveTenant: TenantContextResolver;
  },
): void {
  const svc = deps.directorySync;
  /**
   * Whether the caller of a long-lived stream may still watch: asked again on every poll, so a
   * revoked key, a sign-out, a freeze or a lost admin role ends the stream (the access hook only
   * checks when it opens).
   */
  async function stillAllowed(req: FastifyRequest, tenantId: number): Promise<boolean> {
    const token = req.headers['x-access-token'];
    try {
      const session = typeof token === 'string' ? await deps.auth.authenticate(token) : null;
      if (!session) return false;
      if (session.apiKey) return session.apiKey.tenantId === tenantId;
      const ctx = await deps.resolveTenant(session, String(tenantId));
      return ctx.role === 'admin';
    } catch {
      return false;
    }
  }
  app.addHook('onClose', async () => svc.drain());

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/preview',
    operationId: 'previewSync',
    examples: previewExamples,
    errors: {
      404: 'The tenant has no (enabled) configuration.',
      409: 'A sync run of this tenant is active.',
      502: 'WeCom refused or could not be reached; `details` carry errcode and the fix.',
    },
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
    examples: applyExamples,
    errors: {
      404: 'No such plan in the current tenant.',
      409: 'The plan is stale, expired or already applied, or a run is already active.',
    },
    tags,
    access: 'admin',
    summary:
      'Apply a stored plan with the admin decisions in the background (409 when a run is active or the plan is stale)',
    body: ApplyBodySchema,
    result: RunStartedSchema,
    handler: ({ tenant, body, session, req }) => svc.apply(tenant, body, whoOf(session, req)),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/run',
    operationId: 'runSync',
    errors: {
      404: 'The tenant has no (enabled) configuration.',
      409: 'A sync run of this tenant is active.',
    },
    apiKey: 'sync:run',
    tags,
    access: 'admin',
    summary:
      'Read, plan and apply in one go with automatic pairing (trigger "api"; scheduled and callback runs use the same path)',
    body: RunNowBodySchema,
    result: RunStartedSchema,
    // A key starts the run as the scheduled job does; the run names no person then.
    handler: ({ tenant, body, session, req }) =>
      svc.runNow(tenant.tenantId, body.thirdType, {
        trigger: 'api',
        actorUserId: session.apiKey ? null : tenant.userId,
        who: whoOf(session, req),
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
    errors: { 409: 'The run is not waiting for a confirmation, or another run is active.' },
    tags,
    access: 'admin',
    summary: 'Proceed with a run stopped by the mass-change threshold or a partial read',
    params: RunIdParamsSchema,
    result: RunStartedSchema,
    handler: ({ tenant, params, session, req }) =>
      svc.confirm(tenant, params.id, whoOf(session, req)),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/runs/:id/cancel',
    operationId: 'cancelSyncRun',
    tags,
    access: 'admin',
    summary:
      'Drop a run stopped by the mass-change threshold or a partial read: nothing of it is applied (409 when it is not waiting for a confirmation)',
    params: RunIdParamsSchema,
    result: RunSchema,
    handler: ({ tenant, params, session, req }) =>
      svc.cancel(tenant, params.id, whoOf(session, req)),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sync/runs/:id/passwords',
    operationId: 'takeSyncRunPasswords',
    errors: { 409: 'The passwords were already shown, or the policy generates none.' },
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
    config: {
      access: 'admin',
      apiKey: 'sync:run',
      openapi: {
        responseContent: {
          mediaType: 'text/event-stream',
          schema: Type.String(),
          description:
            'Server-Sent Events: `event: progress` with the run (as GET /sys/thirdApp/sync/runs/{id}) as `data` whenever it changes, then `event: end`.',
        },
      },
    },
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
      let revoked = false;
      while (!closed && !TERMINAL.has((JSON.parse(last) as { status: string }).status)) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (!(await stillAllowed(req, tenant.tenantId))) {
          revoked = true;
          break;
        }
        const now = JSON.stringify(await svc.getRun(tenant, id));
        if (now !== last) send((last = now));
      }
      // A caller no longer allowed learns why, and nothing more about the run.
      res.write(`event: end\ndata: ${revoked ? '{"reason":"access_revoked"}' : '{}'}\n\n`);
      res.end();
    },
  });
}
