import type { LoginResult } from './auth';
import { typedApi, type ApiResult } from './typed';

/**
 * What the WeCom sign-in endpoints hand back: a /sys/login result plus `redirect`, the same-origin
 * path chosen when the sign-in started (checked by the server).
 */
export type ThirdLoginResult = Omit<ApiResult<'/sys/thirdLogin/exchange', 'post'>, 'tenantList'> & {
  tenantList: LoginResult['tenantList'];
};

/** `name` only when the tenant offers WeCom sign-in. */
export type TenantSignInInfo = ApiResult<'/sys/thirdLogin/tenant/{tenantId}', 'get'>;

export type MyWecomBinding = NonNullable<ApiResult<'/sys/user/wecomBinding', 'get'>>;

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
  exchange: async (ticket: string) =>
    (await typedApi.post(
      '/sys/thirdLogin/exchange',
      { ticket },
      { tenantId: null },
    )) as ThirdLoginResult,
  link: async (linkToken: string, username: string, password: string) =>
    (await typedApi.post(
      '/sys/thirdLogin/link',
      { linkToken, username, password },
      { tenantId: null },
    )) as ThirdLoginResult,
  tenant: (tenantId: number) =>
    typedApi.get('/sys/thirdLogin/tenant/{tenantId}', { path: { tenantId }, tenantId: null }),
  myBinding: () => typedApi.get('/sys/user/wecomBinding'),
  unbindMine: () => typedApi.delete('/sys/user/wecomBinding'),
};
