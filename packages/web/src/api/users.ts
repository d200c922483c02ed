import type { Paged } from './client';
import { typedApi, type ApiBody, type ApiRecord } from './typed';
import type { MembershipStatus } from './auth';

/** The wire row of `GET /sys/user/list` (generated). */
type UserRecord = ApiRecord<'/sys/user/list'>;

/**
 * What the current tenant may do to an account (PRODUCT.md §7, the server's policy module):
 * `own` everything; `shared` (also active in another tenant) the membership and the name and
 * position shown in this tenant, not phone/e-mail/password; `inactive_member` (pending, refused,
 * quit) nothing; `platform_admin` nothing; `outsider` (not in this tenant) nothing.
 */
export type Ownership = UserRecord['ownership'];

/** A user row; the server types `membershipStatus` as a number, the console knows its values. */
export type UserRow = Omit<UserRecord, 'membershipStatus'> & {
  membershipStatus: MembershipStatus;
};

export interface UserQuery {
  keyword?: string | undefined;
  departmentId?: number | undefined;
  page: number;
  pageSize: number;
}

export type NewUser = ApiBody<'/sys/user/add', 'post'>;
export type UserChanges = ApiBody<'/sys/user/edit', 'post'>;

export const usersApi = {
  list: async (query: UserQuery): Promise<Paged<UserRow>> =>
    (await typedApi.get('/sys/user/list', { query })) as Paged<UserRow>,
  add: (user: NewUser) => typedApi.post('/sys/user/add', user),
  edit: (changes: UserChanges) => typedApi.post('/sys/user/edit', changes),
  freeze: (userId: number, frozen: boolean) =>
    typedApi.post('/sys/user/freeze', { userId, frozen }),
  /** A one-time password for one of the tenant's own accounts, shown once. */
  resetPassword: (userId: number) => typedApi.post('/sys/user/resetPassword', { userId }),
};
