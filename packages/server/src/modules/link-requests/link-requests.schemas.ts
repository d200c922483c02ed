import { Type } from '@sinclair/typebox';
import { THIRD_TYPES } from '../../db/schema';
import { Id, TenantId, Timestamp } from '../../lib/schemas';

export const LinkRequestIdParamsSchema = Type.Object({ id: Id('link request id') });

export const LinkRequestListSchema = Type.Object({
  records: Type.Array(
    Type.Object({
      id: Id('link request id'),
      tenantId: TenantId(),
      tenantName: Type.String({ description: 'the tenant asking' }),
      thirdType: Type.Union(THIRD_TYPES.map((t) => Type.Literal(t))),
      wechatUserId: Type.String({ description: "the member's userid in the tenant's WeCom" }),
      wechatName: Type.String({ description: "the member's name in the tenant's WeCom" }),
      createdAt: Timestamp,
    }),
  ),
  total: Type.Integer(),
});

export const LinkRequestAcceptedSchema = Type.Object({
  tenantId: TenantId(),
  membershipStatus: Type.Integer({
    description:
      'the account in the asking tenant: 1 already a member, 3 pending (审核中) until its administrator approves',
  }),
});
