import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { HomeService } from './home.service';
import { HomeSummarySchema } from './home.schemas';

export function registerHomeRoutes(app: FastifyInstance, deps: { home: HomeService }): void {
  route(app, {
    method: 'GET',
    url: '/sys/home/summary',
    operationId: 'getHomeSummary',
    tags: ['home'],
    access: 'admin',
    summary:
      "The admin home page of the current tenant: pending approvals (审核中), member, binding and department counts, the WeCom connection's state and last test, the last sync run",
    result: HomeSummarySchema,
    examples: {
      result: {
        members: { active: 128, pending: 2, bound: 120 },
        departments: 14,
        connection: {
          configured: true,
          enabled: true,
          lastTest: { ok: true, at: '2026-12-07T08:30:00.000Z' },
        },
        lastSync: {
          id: 42,
          status: 'succeeded',
          trigger: 'manual',
          createdAt: '2026-12-07T08:31:00.000Z',
          finishedAt: '2026-12-07T08:31:09.000Z',
        },
      },
    },
    handler: ({ tenant }) => deps.home.summary(tenant),
  });
}
