/**
 * Member sign-in (reference §6): URL builders for in-app OAuth (doc /91022) and the web/QR login
 * (doc /98151), and the code/ticket exchanges auth/getuserinfo (/91023) and auth/getuserdetail
 * (/95833).
 */
import { Type, type Static } from '@sinclair/typebox';
import { asObject, compact, optInt, optString, reqString } from '../decode';
import type { Requester } from '../request';
import { decodeGender, GenderSchema } from './user-schema';

export const DEFAULT_OAUTH_BASE = 'https://open.weixin.qq.com';
export const DEFAULT_LOGIN_BASE = 'https://login.work.weixin.qq.com';

/** WeCom's rule for `state`: a-zA-Z0-9, at most 128 bytes. */
const STATE = /^[A-Za-z0-9]{0,128}$/;

function checkState(state: string): void {
  if (!STATE.test(state))
    throw new RangeError('OAuth state must be at most 128 chars of [A-Za-z0-9]');
}

const trim = (base: string) => base.replace(/\/+$/, '');

/**
 * In-app (workbench) OAuth: `…/connect/oauth2/authorize?appid=CORPID&redirect_uri=…&response_type=code
 * &scope=snsapi_base&state=…&agentid=…#wechat_redirect`. The redirect host must equal the app's
 * trusted domain (可信域名), port included.
 */
export function buildOAuthAuthorizeUrl(p: {
  oauthBase?: string;
  corpId: string;
  redirectUri: string;
  state: string;
  agentId: number | string;
  scope?: 'snsapi_base' | 'snsapi_privateinfo';
}): string {
  checkState(p.state);
  // Built by hand: the parameter order and the #wechat_redirect fragment are what WeCom documents.
  const q = [
    `appid=${encodeURIComponent(p.corpId)}`,
    `redirect_uri=${encodeURIComponent(p.redirectUri)}`,
    'response_type=code',
    `scope=${p.scope ?? 'snsapi_base'}`,
    `state=${p.state}`,
    `agentid=${encodeURIComponent(String(p.agentId))}`,
  ];
  return `${trim(p.oauthBase ?? DEFAULT_OAUTH_BASE)}/connect/oauth2/authorize?${q.join('&')}#wechat_redirect`;
}

/** Web login from a normal browser (QR scan or WeCom desktop quick login), `login_type=CorpApp`. */
export function buildQrLoginUrl(p: {
  loginBase?: string;
  corpId: string;
  agentId: number | string;
  redirectUri: string;
  state: string;
  lang?: 'zh' | 'en';
}): string {
  checkState(p.state);
  const q = [
    'login_type=CorpApp',
    `appid=${encodeURIComponent(p.corpId)}`,
    `agentid=${encodeURIComponent(String(p.agentId))}`,
    `redirect_uri=${encodeURIComponent(p.redirectUri)}`,
    `state=${p.state}`,
    ...(p.lang ? [`lang=${p.lang}`] : []),
  ];
  return `${trim(p.loginBase ?? DEFAULT_LOGIN_BASE)}/wwlogin/sso/login?${q.join('&')}`;
}

export const UserIdentitySchema = Type.Union([
  Type.Object({
    kind: Type.Literal('member'),
    userId: Type.String(),
    /** Only with scope snsapi_privateinfo for members in the visible range; valid 1800 s. */
    userTicket: Type.Optional(Type.String()),
    userTicketExpiresIn: Type.Optional(Type.Integer()),
  }),
  Type.Object({
    kind: Type.Literal('non-member'),
    openId: Type.String(),
    externalUserId: Type.Optional(Type.String()),
  }),
]);
export type UserIdentity = Static<typeof UserIdentitySchema>;

export const UserDetailSchema = Type.Object({
  userId: Type.String(),
  gender: Type.Optional(GenderSchema),
  avatar: Type.Optional(Type.String()),
  qrCode: Type.Optional(Type.String()),
  mobile: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  bizMail: Type.Optional(Type.String()),
  address: Type.Optional(Type.String()),
});
/** Sensitive fields the member consented to; there is no `name` here (take it from user/get). */
export type UserDetail = Static<typeof UserDetailSchema>;

export function createAuthApi(r: Requester) {
  return {
    /**
     * Exchanges a single-use, 5-minute OAuth code. Codes cannot be replayed, so the call is not
     * retried after an uncertain outcome (a retry would answer 40029 anyway).
     */
    async getUserInfo(code: string): Promise<UserIdentity> {
      const api = 'auth/getuserinfo';
      const b = await r.call({
        api,
        method: 'GET',
        query: { code },
        auth: true,
        idempotent: false,
      });
      // The legacy user/getuserinfo answered PascalCase (UserId/OpenId); accept both spellings.
      const userId = optString(b.userid) ?? optString(b.UserId);
      if (userId) {
        return compact({
          kind: 'member' as const,
          userId,
          userTicket: optString(b.user_ticket) || undefined,
          userTicketExpiresIn: optInt(b.expires_in),
        });
      }
      const openId = optString(b.openid) ?? optString(b.OpenId);
      if (!openId) return { kind: 'non-member', openId: reqString(api, b, 'openid') };
      return compact({
        kind: 'non-member' as const,
        openId,
        externalUserId: optString(b.external_userid) || undefined,
      });
    },
    async getUserDetail(userTicket: string): Promise<UserDetail> {
      const api = 'auth/getuserdetail';
      const body = { user_ticket: userTicket };
      const b = asObject(await r.call({ api, method: 'POST', body, auth: true, idempotent: true }));
      return compact({
        userId: reqString(api, b, 'userid'),
        gender: decodeGender(b.gender),
        avatar: optString(b.avatar),
        qrCode: optString(b.qr_code),
        mobile: optString(b.mobile),
        email: optString(b.email),
        bizMail: optString(b.biz_mail),
        address: optString(b.address),
      });
    },
  };
}
