import { Type } from '@sinclair/typebox';
import {
  Id,
  Keyword,
  Name,
  PageQuery,
  Paged,
  Password,
  Role,
  Text,
  Username,
} from '../../lib/schemas';
import { Ownership } from '../tenants/tenants.schemas';

const Phone = Type.String({
  maxLength: 30,
  pattern: '^[0-9+()\\- ]*$',
  description: 'empty clears it',
});
const Email = Type.String({
  maxLength: 254,
  pattern: '^$|^[^@\\s\\x00-\\x1f]+@[^@\\s\\x00-\\x1f]+$',
  description: 'empty clears it',
});
const Position = Text(100);
const DepartmentIds = Type.Array(Id(), { maxItems: 100, uniqueItems: true });

export const AddUserBodySchema = Type.Object({
  username: Username,
  realname: Name(100),
  password: Password,
  role: Type.Optional(Role),
  phone: Type.Optional(Phone),
  email: Type.Optional(Email),
  position: Type.Optional(Position),
  departmentIds: Type.Optional(DepartmentIds),
  mainDepartmentId: Type.Optional(Id('one of departmentIds; defaults to the first')),
  mustChangePassword: Type.Optional(
    Type.Boolean({ description: 'force a password change at first sign-in (default false)' }),
  ),
});

export const EditUserBodySchema = Type.Object({
  id: Id(),
  realname: Type.Optional(Name(100)),
  phone: Type.Optional(Phone),
  email: Type.Optional(Email),
  position: Type.Optional(Position),
  departmentIds: Type.Optional(DepartmentIds),
  mainDepartmentId: Type.Optional(Id()),
});

export const FreezeUserBodySchema = Type.Object({ userId: Id(), frozen: Type.Boolean() });

export const UserListQuerySchema = Type.Object({
  keyword: Type.Optional(Keyword),
  departmentId: Type.Optional(Id()),
  ...PageQuery,
});

export const UserRecordSchema = Type.Object({
  id: Id(),
  username: Type.String(),
  realname: Type.String({ description: "this tenant's name for the member (shared accounts)" }),
  status: Type.Integer({ description: '1 normal, 2 frozen (in this tenant or platform-wide)' }),
  membershipStatus: Type.Integer({ description: '1 normal, 2 quit (离职)' }),
  role: Role,
  departmentIds: Type.Array(Id()),
  mainDepartmentId: Type.Union([Id(), Type.Null()]),
  wechatUserId: Type.Union([Type.String(), Type.Null()], { description: 'bound WeCom userid' }),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  position: Type.Union([Type.String(), Type.Null()]),
  ownership: Ownership,
});
export const UserListResultSchema = Paged(UserRecordSchema);
export const UserCreatedSchema = Type.Object({ id: Id(), username: Type.String() });

export const ResetPasswordBodySchema = Type.Object({ userId: Id() });
export const ResetPasswordResultSchema = Type.Object({
  password: Type.String({
    description:
      'The one-time password: shown once, never stored in clear; the person must change it at their next sign-in',
  }),
});
