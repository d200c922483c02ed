import { Type } from '@sinclair/typebox';
import { OWNERSHIPS } from '../policy/trust';
import { Id, Keyword, Name, PageQuery, Paged, Role, TenantId, Timestamp } from '../../lib/schemas';

export const HouseNumber = Type.String({
  minLength: 6,
  maxLength: 6,
  pattern: '^[A-Za-z0-9]{6}$',
  description: '门牌号: 6 letters/digits (case-insensitive)',
});

export const AddTenantBodySchema = Type.Object({ name: Name(100) });
export const TenantCreatedSchema = Type.Object({
  id: TenantId(),
  name: Type.String(),
  houseNumber: Type.String(),
});

export const JoinTenantBodySchema = Type.Object({ houseNumber: HouseNumber });
export const JoinResultSchema = Type.Object({
  tenantId: TenantId(),
  tenantName: Type.String(),
  status: Type.Integer({ description: 'membership status: 3 pending (审核中)' }),
});

export const SwitchTenantBodySchema = Type.Object({ tenantId: TenantId() });
export const SwitchResultSchema = Type.Object({ currentTenantId: TenantId() });

export const CurrentTenantSchema = Type.Object({
  id: TenantId(),
  name: Type.String(),
  houseNumber: Type.String(),
  status: Type.Integer({ description: '1 normal, 0 frozen' }),
  role: Role,
});

export const TenantListQuerySchema = Type.Object({
  keyword: Type.Optional(Keyword),
  ...PageQuery,
});
export const TenantListResultSchema = Paged(
  Type.Object({
    id: TenantId(),
    name: Type.String(),
    houseNumber: Type.String(),
    status: Type.Integer(),
    memberCount: Type.Integer({ description: 'active members' }),
    createdAt: Timestamp,
  }),
);

export const MemberStatus = Type.Integer({
  minimum: 1,
  maximum: 5,
  description: '1 normal, 2 quit (离职), 3 pending (审核中), 4 refused, 5 invited',
});

/** What this tenant may do to the account (PRODUCT.md §7), so the console can say why. */
export const Ownership = Type.Union(
  OWNERSHIPS.map((o) => Type.Literal(o)),
  {
    description:
      "own: the tenant's alone (all fields editable); shared: also active in another tenant (membership, tenant-scoped name and position only); inactive_member: pending, refused, quit or invited (not editable); platform_admin: never editable by a tenant",
  },
);

export const MembersQuerySchema = Type.Object({
  status: Type.Optional(MemberStatus),
  keyword: Type.Optional(Keyword),
  ...PageQuery,
});
export const MembersResultSchema = Paged(
  Type.Object({
    id: Id('membership id'),
    userId: Id(),
    username: Type.String(),
    realname: Type.String(),
    status: MemberStatus,
    role: Role,
    frozen: Type.Boolean(),
    ownership: Ownership,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
);

export const MemberUserBodySchema = Type.Object({ userId: Id() });
export const MemberRoleBodySchema = Type.Object({ userId: Id(), role: Role });
