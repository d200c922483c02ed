import type { Paged } from './client';
import type { MembershipStatus, Role } from './auth';
import { typedApi, type ApiRecord, type ApiResult } from './typed';

export type TenantRow = ApiRecord<'/sys/tenant/list'>;
export type CreatedTenant = ApiResult<'/sys/tenant/add', 'post'>;

/** A member row; the server types `status` as a number, the console knows its values. */
export type MemberRow = Omit<ApiRecord<'/sys/tenant/members'>, 'status' | 'id'> & {
  status: MembershipStatus;
};

export interface MemberQuery {
  status?: MembershipStatus | undefined;
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

export const tenantsApi = {
  list: (query: { keyword?: string | undefined; page: number; pageSize: number }) =>
    typedApi.get('/sys/tenant/list', { query }),
  add: (name: string) => typedApi.post('/sys/tenant/add', { name }),
  join: (houseNumber: string) => typedApi.post('/sys/tenant/join', { houseNumber }),
  quit: (tenantId: number) => typedApi.post('/sys/tenant/quit', {}, { tenantId }),
  switchTo: (tenantId: number) => typedApi.post('/sys/tenant/switch', { tenantId }, { tenantId }),
  members: async (query: MemberQuery): Promise<Paged<MemberRow>> =>
    (await typedApi.get('/sys/tenant/members', { query })) as Paged<MemberRow>,
  approve: (userId: number) => typedApi.post('/sys/tenant/members/approve', { userId }),
  refuse: (userId: number) => typedApi.post('/sys/tenant/members/refuse', { userId }),
  setRole: (userId: number, role: Role) =>
    typedApi.post('/sys/tenant/members/role', { userId, role }),
};
