import { api, type Paged } from './client';
import type { MembershipStatus, Role } from './auth';

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
};
