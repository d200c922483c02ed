import type { LoginResult } from './auth';
import { api } from './client';

/** What the WeCom sign-in endpoints hand back: a /sys/login result plus where to go next. */
export interface ThirdLoginResult extends LoginResult {
  /** Same-origin path chosen when the sign-in started (checked by the server). */
  redirect: string;
}

export interface TenantSignInInfo {
  tenantId: number;
  /** Only when the tenant offers WeCom sign-in. */
  name: string | null;
  wecomEnabled: boolean;
}

export interface MyWecomBinding {
  id: number;
  thirdType: string;
  corpId: string;
  wechatUserId: string;
  wechatName: string;
  active: boolean;
  boundAt: string;
}

/**
 * The browser address that starts WeCom sign-in. In-app (inside WeCom) by default; `qr` for the
 * QR / web login a normal browser needs. A full page navigation, not a fetch: it ends on WeCom.
 */
export function weComLoginUrl(tenantId: number, opts: { qr?: boolean; redirect?: string } = {}) {
  const params = new URLSearchParams({ tenantId: String(tenantId) });
  if (opts.redirect) params.set('redirect', opts.redirect);
  if (opts.qr) params.set('qr', '1');
  return `/sys/thirdLogin/oauth2/wechat_enterprise/login?${params.toString()}`;
}

/** The WeCom client's built-in browser says `wxwork` in its user agent. */
export const insideWeCom = () => /wxwork/i.test(navigator.userAgent);

export const thirdLoginApi = {
  exchange: (ticket: string) =>
    api.post<ThirdLoginResult>('/sys/thirdLogin/exchange', { ticket }, { tenantId: null }),
  link: (linkToken: string, username: string, password: string) =>
    api.post<ThirdLoginResult>(
      '/sys/thirdLogin/link',
      { linkToken, username, password },
      { tenantId: null },
    ),
  tenant: (tenantId: number) =>
    api.get<TenantSignInInfo>(`/sys/thirdLogin/tenant/${tenantId}`, undefined, { tenantId: null }),
  myBinding: () => api.get<MyWecomBinding | null>('/sys/user/wecomBinding'),
  unbindMine: () => api.delete<unknown>('/sys/user/wecomBinding'),
};
