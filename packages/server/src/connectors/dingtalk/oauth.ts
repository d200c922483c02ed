import { buildQrLoginUrl, type DingTalkClient } from '@orgbridge/dingtalk';
import type { ExtIdentity, NeutralOAuth } from '../kit';
import { providerCodeOf, translated } from './errors';

/** 40078 不存在的临时授权码: not an in-app code (or used / expired). */
const NOT_AN_INAPP_CODE = 40078;
/** 60121: the unionId has no member in this corp. */
const NO_SUCH_MEMBER = 60121;

/**
 * Sign-in.
 *
 * In-app (免登): an H5 micro-app opened inside DingTalk has no redirect-based authorisation —
 * the page itself calls `dd.requestAuthCode({ corpId, clientId })` and hands the code to the
 * server. So the in-app "authorize URL" is the app's own landing URL (`redirectUri`) with `state`,
 * `corpId` and `clientId`, which is what the app's home page (首页地址) must point at; the code
 * arrives as `authCode` (the simulator's 「以该成员身份打开应用」 opens the home page with
 * `?authCode=…&corpId=…` in place of the JSAPI) and is exchanged with `via: 'in-app'`
 * (`topapi/v2/user/getuserinfo`).
 *
 * Browser / QR: `login.dingtalk.com/oauth2/auth` → `authCode` → user access token →
 * `contact/users/me` (unionId) → `getbyunionid` → userid; no userid in this corp = an outsider.
 */
export function createDingTalkOAuth(
  client: DingTalkClient,
  p: { clientId: string; corpId: string; loginBase: string },
): NeutralOAuth {
  async function inApp(code: string): Promise<ExtIdentity> {
    const who = await client.user.getUserInfoByCode(code);
    return { kind: 'member', userId: who.userid };
  }

  async function web(code: string): Promise<ExtIdentity> {
    const token = await client.oauth.userAccessToken(code);
    // The member signed in with another organisation of theirs: not a member of this one.
    if (token.corpId && token.corpId !== p.corpId) return { kind: 'outsider' };
    const me = await client.oauth.me(token.accessToken);
    try {
      return { kind: 'member', userId: await client.user.getUserIdByUnionId(me.unionId) };
    } catch (err) {
      if (providerCodeOf(err) === NO_SUCH_MEMBER) return { kind: 'outsider' };
      throw err;
    }
  }

  return {
    authorizeUrl: ({ redirectUri, state }) => {
      const url = new URL(redirectUri);
      url.searchParams.set('state', state);
      url.searchParams.set('corpId', p.corpId);
      url.searchParams.set('clientId', p.clientId);
      return url.toString();
    },
    qrLoginUrl: ({ redirectUri, state }) =>
      buildQrLoginUrl({ clientId: p.clientId, redirectUri, state, loginBase: p.loginBase }),
    /**
     * `via` unknown: an in-app code is tried first; DingTalk answers 40078 for a QR code without
     * using it up, and the web exchange follows.
     */
    exchange: (code, via) =>
      translated(async () => {
        if (via === 'in-app') return inApp(code);
        if (via === 'web') return web(code);
        try {
          return await inApp(code);
        } catch (err) {
          if (providerCodeOf(err) !== NOT_AN_INAPP_CODE) throw err;
          return web(code);
        }
      }),
  };
}
