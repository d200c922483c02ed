import { Type, type Static } from '@sinclair/typebox';
import { SYNC_RUN_STATUSES } from '../../db/schema';
import { Nullable, Timestamp } from '../../lib/schemas';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const HomeSummarySchema = Type.Object({
  members: Type.Object({
    active: Count('members whose membership is normal (正常), frozen ones included'),
    pending: Count('requests to join waiting for approval (审核中)'),
    bound: Count('members with an active WeCom binding'),
  }),
  departments: Count('departments of the tenant'),
  /** The tenant's WeCom connection: whether it is set up and what the last 测试连接 found. */
  connection: Type.Object({
    configured: Type.Boolean(),
    enabled: Type.Boolean(),
    lastTest: Nullable(Type.Object({ ok: Type.Boolean(), at: Timestamp })),
  }),
  lastSync: Nullable(
    Type.Object({
      id: Type.Integer(),
      status: Type.Union(SYNC_RUN_STATUSES.map((s) => Type.Literal(s))),
      trigger: Type.String(),
      createdAt: Timestamp,
      finishedAt: Nullable(Timestamp),
    }),
  ),
});
export type HomeSummary = Static<typeof HomeSummarySchema>;
