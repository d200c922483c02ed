import { api } from './client';

/** Membership status (PRODUCT.md §3): 1 normal, 2 quit, 3 pending, 4 refused, 5 invited. */
export type MembershipStatus = 1 | 2 | 3 | 4 | 5;
export type Role = 'admin' | 'member';

export interface TenantMembership {
  id: number;
  name: string;
  houseNumber: string;
  role: Role;
  status: MembershipStatus;
}

export interface UserInfo {
  id: number;
  username: string;
  realname: string;
  mustChangePassword: boolean;
  isPlatformAdmin?: boolean;
  /**
   * Set when the session came from a WeCom (connector) sign-in: it acts only in this tenant and
   * never has platform rights (PRODUCT.md §7). Null (or absent) for password sessions.
   */
  scopeTenantId?: number | null;
  /** False for a WeCom-only member who never set a password (may set one with `setPassword`). */
  hasPassword?: boolean;
}

export interface LoginResult {
  token: string;
  userInfo: UserInfo;
  tenantList: TenantMembership[];
  loginTenantId: number | null;
}

export interface Me {
  userInfo: UserInfo;
  tenantList: TenantMembership[];
  currentTenantId: number | null;
}

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginResult>('/sys/login', { username, password }, { tenantId: null }),
  logout: () => api.post<unknown>('/sys/logout', {}, { tenantId: null }),
  // Without a tenant header: a stale stored tenant must not stop the console from loading the
  // session that tells it which tenants are still usable.
  me: () => api.get<Me>('/sys/user/me', undefined, { tenantId: null }),
  changePassword: (oldPassword: string, newPassword: string) =>
    api.post<unknown>('/sys/user/changePassword', { oldPassword, newPassword }, { tenantId: null }),
  /** A first password for a WeCom-only member (409 `auth.password_already_set` if one exists). */
  setPassword: (newPassword: string) =>
    api.post<null>('/sys/user/setPassword', { newPassword }, { tenantId: null }),
};
