import { buildOAuthAuthorizeUrl, buildQrLoginUrl, type WeComClient } from '@orgbridge/wecom';
import type { ConsentedDetail, ExtIdentity, OAuth } from '../kit';
import { translated } from './errors';

/**
 * In-app OAuth (snsapi_base, or snsapi_privateinfo with its agentid) and QR/web login, which has
 * no privateinfo scope (reference §6, §13).
 */
export function createWeComOAuth(
  client: WeComClient,
  p: { corpId: string; agentId: number; oauthBase: string; loginBase: string },
): OAuth {
  return {
    authorizeUrl: ({ redirectUri, state, scope }) =>
      buildOAuthAuthorizeUrl({
        oauthBase: p.oauthBase,
        corpId: p.corpId,
        // Required for snsapi_privateinfo: without it WeCom treats the request as snsapi_base.
        agentId: p.agentId,
        redirectUri,
        state,
        scope: scope === 'privateinfo' ? 'snsapi_privateinfo' : 'snsapi_base',
      }),
    qrLoginUrl: ({ redirectUri, state }) =>
      buildQrLoginUrl({
        loginBase: p.loginBase,
        corpId: p.corpId,
        agentId: p.agentId,
        redirectUri,
        state,
      }),
    async exchange(code: string): Promise<ExtIdentity> {
      const identity = await translated(() => client.auth.getUserInfo(code));
      if (identity.kind !== 'member') return { kind: 'outsider' };
      return identity.userTicket
        ? { kind: 'member', userId: identity.userId, userTicket: identity.userTicket }
        : { kind: 'member', userId: identity.userId };
    },
    async consentedDetail(userTicket: string): Promise<ConsentedDetail> {
      const d = await translated(() => client.auth.getUserDetail(userTicket));
      return {
        ...(d.mobile ? { mobile: d.mobile } : {}),
        ...(d.email ? { email: d.email } : {}),
      };
    },
  };
}
