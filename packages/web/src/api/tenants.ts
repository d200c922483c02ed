import { api, type Paged } from './client';
import type { MembershipStatus, Role } from './auth';
import type { Ownership } from './users';

export interface TenantRow {
  id: number;
  name: string;
  houseNumber: string;
  status: number;
  memberCount?: number;
  createdAt?: string | number;
}

export interface CreatedTenant {
  id: number;
  name: string;
  houseNumber: string;
}

export interface MemberRow {
  userId: number;
  username: string;
  realname: string;
  status: MembershipStatus;
  role: Role;
  /** Frozen in this tenant (the membership stays, the member cannot act). */
  frozen?: boolean;
  /** What this tenant may do to the account (see `Ownership`); absent = `own`. */
  ownership?: Ownership;
  createdAt?: string | number;
  updatedAt?: string | number;
}

export interface MemberQuery {
  status?: MembershipStatus | undefined;
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

/** Member rows may name the user `userId` or `id`; the console only needs one of them. */
function normaliseMember(row: MemberRow & { id?: number }): MemberRow {
  return { ...row, userId: row.userId ?? row.id };
}

export const tenantsApi = {
  list: (query: { keyword?: string; page: number; pageSize: number }) =>
    api.get<Paged<TenantRow>>('/sys/tenant/list', query),
  add: (name: string) => api.post<CreatedTenant>('/sys/tenant/add', { name }),
  join: (houseNumber: string) => api.post<unknown>('/sys/tenant/join', { houseNumber }),
  quit: (tenantId: number) => api.post<unknown>('/sys/tenant/quit', {}, { tenantId }),
  switchTo: (tenantId: number) =>
    api.post<{ currentTenantId: number }>('/sys/tenant/switch', { tenantId }, { tenantId }),
  members: async (query: MemberQuery): Promise<Paged<MemberRow>> => {
    const page = await api.get<Paged<MemberRow & { id?: number }>>('/sys/tenant/members', {
      ...query,
    });
    return { total: page.total, records: page.records.map(normaliseMember) };
  },
  approve: (userId: number) => api.post<unknown>('/sys/tenant/members/approve', { userId }),
  refuse: (userId: number) => api.post<unknown>('/sys/tenant/members/refuse', { userId }),
  setRole: (userId: number, role: Role) =>
    api.post<unknown>('/sys/tenant/members/role', { userId, role }),
};
