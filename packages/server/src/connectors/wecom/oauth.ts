import { buildOAuthAuthorizeUrl, buildQrLoginUrl, type WeComClient } from '@orgbridge/wecom';
import type { ExtIdentity, OAuth } from '../kit';
import { translated } from './errors';

/** In-app snsapi_base OAuth and QR/web login (reference §6). */
export function createWeComOAuth(
  client: WeComClient,
  p: { corpId: string; agentId: number; oauthBase: string; loginBase: string },
): OAuth {
  return {
    authorizeUrl: ({ redirectUri, state }) =>
      buildOAuthAuthorizeUrl({
        oauthBase: p.oauthBase,
        corpId: p.corpId,
        agentId: p.agentId,
        redirectUri,
        state,
        scope: 'snsapi_base',
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
      return identity.kind === 'member'
        ? { kind: 'member', userId: identity.userId }
        : { kind: 'outsider' };
    },
  };
}
