/**
 * Browser / QR sign-in (扫码登录, OAuth 2.0 on login.dingtalk.com): the member approves, DingTalk
 * redirects back with `authCode` and `state`; the code (single use) is exchanged for a *user*
 * access token (`v1.0/oauth2/userAccessToken`), which reads the member's own profile
 * (`v1.0/contact/users/me`, unionId); `topapi/user/getbyunionid` maps unionId → userid in the corp.
 */
import { asObject, compact, optInt, optString, reqString } from '../decode';
import type { Requester } from '../request';

export const DEFAULT_LOGIN_BASE = 'https://login.dingtalk.com';

export interface QrLoginParams {
  clientId: string;
  redirectUri: string;
  state: string;
  /** Default 'openid'; 'openid corpid' also returns the corp the member chose. */
  scope?: string;
  /** Restrict to members of this corp (org_type=… is not needed for internal apps). */
  corpId?: string;
  loginBase?: string;
}

/** The URL a browser is sent to (`/oauth2/auth`, prompt=consent). */
export function buildQrLoginUrl(p: QrLoginParams): string {
  const url = new URL('/oauth2/auth', p.loginBase ?? DEFAULT_LOGIN_BASE);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('scope', p.scope ?? 'openid');
  url.searchParams.set('state', p.state);
  url.searchParams.set('prompt', 'consent');
  if (p.corpId) url.searchParams.set('corpId', p.corpId);
  return url.toString();
}

export interface UserAccessToken {
  accessToken: string;
  refreshToken?: string;
  expireIn: number;
  corpId?: string;
}

export interface Me {
  unionId: string;
  nick?: string;
  openId?: string;
  mobile?: string;
  stateCode?: string;
  email?: string;
  avatarUrl?: string;
}

export function createOAuthApi(r: Requester, app: { appKey: string; appSecret: string }) {
  return {
    /** authCode → user access token. Not idempotent: a code works once. */
    async userAccessToken(code: string): Promise<UserAccessToken> {
      const api = 'v1.0/oauth2/userAccessToken';
      const body = await r.call({
        host: 'api',
        api,
        method: 'POST',
        auth: 'none',
        idempotent: false,
        body: {
          clientId: app.appKey,
          clientSecret: app.appSecret,
          code,
          grantType: 'authorization_code',
        },
      });
      return compact({
        accessToken: reqString(api, body, 'accessToken'),
        refreshToken: optString(body.refreshToken),
        expireIn: optInt(body.expireIn) ?? 7200,
        corpId: optString(body.corpId),
      });
    },
    /** The signed-in member's own profile, read with their user access token. */
    async me(userToken: string): Promise<Me> {
      const api = 'v1.0/contact/users/me';
      const body = asObject(
        await r.call({ host: 'api', api, method: 'GET', auth: { userToken }, idempotent: true }),
      );
      return compact({
        unionId: reqString(api, body, 'unionId'),
        nick: optString(body.nick),
        openId: optString(body.openId),
        mobile: optString(body.mobile),
        stateCode: optString(body.stateCode),
        email: optString(body.email),
        avatarUrl: optString(body.avatarUrl),
      });
    },
  };
}
