import type { MembershipStatus } from './auth';
import { api, type Paged } from './client';

/** A tenant asks the signed-in account's owner to accept a binding to one of its WeCom members. */
export interface LinkRequest {
  id: number;
  tenantId: number;
  tenantName: string;
  thirdType: 'wechat_enterprise';
  wechatUserId: string;
  wechatName: string;
  createdAt: string;
}

export interface AcceptedLink {
  tenantId: number;
  /** 3 (审核中): the account was not an active member; the tenant's admin must now approve it. */
  membershipStatus: MembershipStatus;
}

// The owner's own requests, whichever tenant is selected: no tenant header.
export const linkRequestsApi = {
  list: () => api.get<Paged<LinkRequest>>('/sys/user/linkRequests', undefined, { tenantId: null }),
  accept: (id: number) =>
    api.post<AcceptedLink>(`/sys/user/linkRequests/${id}/accept`, {}, { tenantId: null }),
  refuse: (id: number) =>
    api.post<null>(`/sys/user/linkRequests/${id}/refuse`, {}, { tenantId: null }),
};
