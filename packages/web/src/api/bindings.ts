import type { MembershipStatus } from './auth';
import { api, type Paged } from './client';

export interface BindingRow {
  id: number;
  userId: number;
  username: string;
  realname: string;
  wechatUserId: string;
  wechatName: string;
  membershipStatus: MembershipStatus;
  /** False after the member left WeCom or the configuration was removed. */
  active: boolean;
  boundAt: string;
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
};
