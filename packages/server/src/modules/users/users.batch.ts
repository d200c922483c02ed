import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { BatchIds, BatchResultSchema, runBatch } from '../../lib/batch';
import { route } from '../../lib/route';
import type { UsersService } from './users.service';

export const FreezeUsersBatchBodySchema = Type.Object(
  {
    userIds: BatchIds('user id'),
    frozen: Type.Boolean({ description: 'true freezes, false unfreezes' }),
  },
  { additionalProperties: false },
);

/**
 * Batch freeze: each member goes through the single freeze (its own transaction, trust-policy
 * check, last-admin check and audit entry); a refused member is that item's outcome only.
 */
export function registerUsersBatchRoutes(
  app: FastifyInstance,
  deps: { users: Pick<UsersService, 'freeze'> },
): void {
  const { users } = deps;
  route(app, {
    method: 'POST',
    url: '/sys/user/batchFreeze',
    operationId: 'freezeUsersBatch',
    tags: ['users'],
    access: 'admin',
    summary:
      'Freeze or unfreeze several members of the current tenant, with one outcome per member',
    description:
      'Each member is handled as POST /sys/user/freeze would: a user not in the current tenant answers `users.not_found` for that item; yourself `users.cannot_freeze_self`; the last administrator, a platform administrator or a member who is not active here are refused as that item. The other items still go ahead; the answer is 200 whenever the body is valid.',
    body: FreezeUsersBatchBodySchema,
    result: BatchResultSchema,
    examples: {
      request: { userIds: [41, 42], frozen: true },
      result: {
        done: 1,
        failed: 1,
        items: [
          { id: 41, ok: true, errorCode: null, message: null },
          {
            id: 42,
            ok: false,
            errorCode: 'users.not_found',
            message: 'User not found in the current tenant.',
          },
        ],
      },
    },
    handler: ({ tenant, body }) =>
      runBatch(body.userIds, (id) => users.freeze(tenant, id, body.frozen)),
  });
}
