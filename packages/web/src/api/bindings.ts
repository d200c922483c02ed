import type { MembershipStatus } from './auth';
import { api, type Paged } from './client';

export interface BindingRow {
  /** Null for a row still waiting for the account owner (`state: 'awaiting_owner'`). */
  id: number | null;
  /** `awaiting_owner`: a link request the account's owner has not answered yet. */
  state?: 'bound' | 'awaiting_owner';
  /** The pending request of an `awaiting_owner` row (cancel it with `cancelRequest`). */
  linkRequestId?: number | null;
  /** The account is outside this tenant: who it is stays hidden (username/realname null). */
  outsider?: boolean;
  userId: number | null;
  username: string | null;
  realname: string | null;
  wechatUserId: string;
  wechatName: string;
  /** Null when the account is outside this tenant (an `awaiting_owner` row). */
  membershipStatus: MembershipStatus | null;
  /** False after the member left WeCom or the configuration was removed. */
  active: boolean;
  /** When bound; for an `awaiting_owner` row, when the request was made (or `createdAt`). */
  boundAt: string | null;
  createdAt?: string;
}

export interface BindingQuery {
  keyword?: string | undefined;
  page: number;
  pageSize: number;
}

export const bindingsApi = {
  list: (query: BindingQuery) =>
    api.get<Paged<BindingRow>>('/sys/thirdApp/bindings', {
      thirdType: 'wechat_enterprise',
      ...query,
    }),
  /** 移出: the member keeps the account and membership but loses WeCom sign-in and messages. */
  remove: (id: number) => api.delete<null>(`/sys/thirdApp/bindings/${id}`),
  /** 撤销: withdraws a link request the account's owner has not answered. */
  cancelRequest: (linkRequestId: number) =>
    api.delete<null>(`/sys/thirdApp/linkRequests/${linkRequestId}`),
};
