import { api, type Paged } from './client';
import type { MembershipStatus, Role } from './auth';

/**
 * What the current tenant may do to an account (PRODUCT.md §7, the server's policy module):
 * `own` everything; `shared` (also active in another tenant) the membership and the name and
 * position shown in this tenant, not phone/e-mail/password; `inactive_member` (pending, refused,
 * quit) nothing; `platform_admin` nothing.
 */
export type Ownership = 'own' | 'shared' | 'inactive_member' | 'platform_admin';

export interface UserRow {
  id: number;
  username: string;
  realname: string;
  /** 1 normal, 2 frozen (in the current tenant). */
  status: number;
  membershipStatus: MembershipStatus;
  role: Role;
  departmentIds: number[];
  mainDepartmentId: number | null;
  wechatUserId: string | null;
  phone?: string | null;
  email?: string | null;
  position?: string | null;
  /** Absent from servers older than the trust model: treat as `own`. */
  ownership?: Ownership;
}

export interface UserQuery {
  keyword?: string | undefined;
  departmentId?: number | undefined;
  page: number;
  pageSize: number;
}

export interface NewUser {
  username: string;
  realname: string;
  password: string;
  departmentIds?: number[];
  mainDepartmentId?: number;
  role?: Role;
  /** Force a password change at first sign-in. */
  mustChangePassword?: boolean;
}

export interface UserChanges {
  id: number;
  realname?: string;
  phone?: string;
  email?: string;
  position?: string;
  departmentIds?: number[];
  mainDepartmentId?: number;
}

export const usersApi = {
  list: (query: UserQuery) => api.get<Paged<UserRow>>('/sys/user/list', { ...query }),
  add: (user: NewUser) => api.post<{ id: number }>('/sys/user/add', user),
  edit: (changes: UserChanges) => api.post<unknown>('/sys/user/edit', changes),
  freeze: (userId: number, frozen: boolean) =>
    api.post<unknown>('/sys/user/freeze', { userId, frozen }),
  /** A one-time password for one of the tenant's own accounts, shown once. */
  resetPassword: (userId: number) =>
    api.post<{ password: string }>('/sys/user/resetPassword', { userId }),
};
