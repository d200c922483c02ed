import type { MembershipStatus } from './auth';
import type { Paged } from './client';
import { schemaThirdType, type ThirdType } from './third-app';
import { typedApi, type ApiRecord } from './typed';

/**
 * A binding row. `id` is null and `state` is `awaiting_owner` for a link request the account's
 * owner has not answered yet (`linkRequestId`, cancel it with `cancelRequest`); `outsider`: the
 * account is outside this tenant and who it is stays hidden; `active` is false after the member
 * left WeCom or the configuration was removed. The console knows the numeric membership status.
 */
export type BindingRow = Omit<ApiRecord<'/sys/thirdApp/bindings'>, 'membershipStatus'> & {
  membershipStatus: MembershipStatus | null;
};

export interface BindingQuery {
  /** The integration page's provider; the server lists that provider's bindings. */
  thirdType: ThirdType;
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

export const bindingsApi = {
  list: async ({ thirdType, ...query }: BindingQuery): Promise<Paged<BindingRow>> =>
    (await typedApi.get('/sys/thirdApp/bindings', {
      query: { thirdType: schemaThirdType(thirdType), ...query },
    })) as Paged<BindingRow>,
  /** 移出: the member keeps the account and membership but loses WeCom sign-in and messages. */
  remove: (id: number) => typedApi.delete('/sys/thirdApp/bindings/{id}', { path: { id } }),
  /** 撤销: withdraws a link request the account's owner has not answered. */
  cancelRequest: (linkRequestId: number) =>
    typedApi.delete('/sys/thirdApp/linkRequests/{id}', { path: { id: linkRequestId } }),
};
