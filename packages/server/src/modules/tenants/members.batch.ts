import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { BatchIds, BatchResultSchema, runBatch } from '../../lib/batch';
import { route } from '../../lib/route';
import type { TenantsService } from './tenants.service';

export const MembersBatchBodySchema = Type.Object(
  {
    action: Type.Union([Type.Literal('approve'), Type.Literal('refuse')], {
      description: 'approve (3 → 1) or refuse (3 → 4) every listed pending member',
    }),
    userIds: BatchIds('user id'),
  },
  { additionalProperties: false },
);

/**
 * Batch review (审核) of pending members: each id goes through the single approve / refuse
 * (its own transaction, lock and audit entry), so a member of another tenant, or one no longer
 * pending, is refused as that item and nothing is written for it.
 */
export function registerMembersBatchRoutes(
  app: FastifyInstance,
  deps: { tenants: Pick<TenantsService, 'approve' | 'refuse'> },
): void {
  const { tenants } = deps;
  route(app, {
    method: 'POST',
    url: '/sys/tenant/members/batch',
    operationId: 'reviewMembersBatch',
    tags: ['tenants'],
    access: 'admin',
    summary:
      'Approve or refuse several pending members (审核中) at once, with one outcome per member',
    description:
      'Each member is decided as POST /sys/tenant/members/approve (or refuse) would: a member not in the current tenant answers `members.not_found` for that item, one no longer pending `members.not_pending`; the other items still go ahead. The answer is 200 whenever the body is valid.',
    body: MembersBatchBodySchema,
    result: BatchResultSchema,
    examples: {
      request: { action: 'approve', userIds: [41, 42, 77] },
      result: {
        done: 2,
        failed: 1,
        items: [
          { id: 41, ok: true, errorCode: null, message: null },
          { id: 42, ok: true, errorCode: null, message: null },
          {
            id: 77,
            ok: false,
            errorCode: 'members.not_pending',
            message: 'This member is not waiting for approval (审核中); reload the list.',
          },
        ],
      },
    },
    handler: ({ tenant, body }) =>
      runBatch(body.userIds, (id) => tenants[body.action](tenant, id, { via: 'batch' })),
  });
}
