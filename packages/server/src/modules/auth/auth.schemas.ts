import { Type } from '@sinclair/typebox';
import { Id, Password, Role, TenantId } from '../../lib/schemas';

export const LoginBodySchema = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\x00-\\x1f\\x7f]+$' }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

export const UserInfoSchema = Type.Object({
  id: Id(),
  username: Type.String(),
  realname: Type.String(),
  mustChangePassword: Type.Boolean(),
  isPlatformAdmin: Type.Boolean({ description: 'always false for a connector-scoped session' }),
  scopeTenantId: Type.Union([TenantId(), Type.Null()], {
    description:
      'set when a connector sign-in (WeCom…) opened the session: the only tenant it may act in; null for a password session',
  }),
  hasPassword: Type.Boolean({
    description: 'false for a WeCom-only account, which may set one with /sys/user/setPassword',
  }),
});

export const TenantListItemSchema = Type.Object({
  id: TenantId(),
  name: Type.String(),
  houseNumber: Type.String(),
  role: Role,
  status: Type.Integer({
    description: 'membership status: 1 normal, 2 quit, 3 pending, 4 refused, 5 invited',
  }),
  frozen: Type.Boolean({ description: 'frozen in this tenant' }),
});

export const LoginResultSchema = Type.Object({
  token: Type.String({ description: 'send as X-Access-Token' }),
  userInfo: UserInfoSchema,
  tenantList: Type.Array(TenantListItemSchema),
  loginTenantId: Type.Union([TenantId(), Type.Null()]),
});

export const MeResultSchema = Type.Object({
  userInfo: UserInfoSchema,
  tenantList: Type.Array(TenantListItemSchema),
  currentTenantId: Type.Union([TenantId(), Type.Null()]),
});

export const ChangePasswordBodySchema = Type.Object({
  oldPassword: Type.String({ minLength: 1, maxLength: 128 }),
  newPassword: Password,
});

export const SetPasswordBodySchema = Type.Object({
  newPassword: Password,
});
