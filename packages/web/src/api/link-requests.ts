import type { MembershipStatus } from './auth';
import { typedApi, type ApiRecord, type ApiResult } from './typed';

/** A tenant asks the signed-in account's owner to accept a binding to one of its WeCom members. */
export type LinkRequest = ApiRecord<'/sys/user/linkRequests'>;

/** `membershipStatus` 3 (审核中): not an active member; the tenant's admin must now approve it. */
export type AcceptedLink = Omit<
  ApiResult<'/sys/user/linkRequests/{id}/accept', 'post'>,
  'membershipStatus'
> & { membershipStatus: MembershipStatus };

// The owner's own requests, whichever tenant is selected: no tenant header.
export const linkRequestsApi = {
  list: () => typedApi.get('/sys/user/linkRequests', { tenantId: null }),
  accept: async (id: number) =>
    (await typedApi.post(
      '/sys/user/linkRequests/{id}/accept',
      {},
      { path: { id }, tenantId: null },
    )) as AcceptedLink,
  refuse: (id: number) =>
    typedApi.post('/sys/user/linkRequests/{id}/refuse', {}, { path: { id }, tenantId: null }),
};
