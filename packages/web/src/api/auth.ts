import { typedApi, type ApiResult } from './typed';

/** Membership status (PRODUCT.md §3): 1 normal, 2 quit, 3 pending, 4 refused, 5 invited. */
export type MembershipStatus = 1 | 2 | 3 | 4 | 5;

type MeResult = ApiResult<'/sys/user/me', 'get'>;
export type Role = MeResult['tenantList'][number]['role'];

/** A tenant of the signed-in account; the console knows the values of the numeric `status`. */
export type TenantMembership = Omit<MeResult['tenantList'][number], 'status'> & {
  status: MembershipStatus;
};

/**
 * The signed-in account. `scopeTenantId` is set when the session came from a WeCom (connector)
 * sign-in: it acts only in this tenant and never has platform rights (PRODUCT.md §7); null for
 * password sessions. `hasPassword` is false for a WeCom-only member who never set one.
 */
export type UserInfo = MeResult['userInfo'];

export type LoginResult = Omit<ApiResult<'/sys/login', 'post'>, 'tenantList'> & {
  tenantList: TenantMembership[];
};

export type Me = Omit<MeResult, 'tenantList'> & { tenantList: TenantMembership[] };

export const authApi = {
  login: async (username: string, password: string) =>
    (await typedApi.post('/sys/login', { username, password }, { tenantId: null })) as LoginResult,
  logout: () => typedApi.post('/sys/logout', {}, { tenantId: null }),
  // Without a tenant header: a stale stored tenant must not stop the console from loading the
  // session that tells it which tenants are still usable.
  me: async () => (await typedApi.get('/sys/user/me', { tenantId: null })) as Me,
  changePassword: (oldPassword: string, newPassword: string) =>
    typedApi.post('/sys/user/changePassword', { oldPassword, newPassword }, { tenantId: null }),
  /** A first password for a WeCom-only member (409 `auth.password_already_set` if one exists). */
  setPassword: (newPassword: string) =>
    typedApi.post('/sys/user/setPassword', { newPassword }, { tenantId: null }),
};
