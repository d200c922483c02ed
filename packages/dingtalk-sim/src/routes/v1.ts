/** api.dingtalk.com (v1.0): app token, QR-login user token, the member's own profile. */
import type { FastifyInstance } from 'fastify';
import type { SimCore } from '../core';
import { ApiV1Error } from '../errors';
import { registerApi } from './dispatch';

/** Code subjects of QR logins by people outside the corp: `outsider:` + unionid. */
export const OUTSIDER = 'outsider:';

export function registerV1Routes(app: FastifyInstance, core: SimCore): void {
  const { appKey, appSecret } = core.credentials;
  registerApi(app, core, {
    method: 'POST',
    api: 'v1.0/oauth2/accessToken',
    auth: 'none',
    handler: ({ body }) => {
      if (body.appKey !== appKey || body.appSecret !== appSecret)
        throw new ApiV1Error(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
      const t = core.tokens.issueApp();
      return { accessToken: t.token, expireIn: t.expiresIn };
    },
  });
  registerApi(app, core, {
    method: 'POST',
    api: 'v1.0/oauth2/userAccessToken',
    auth: 'none',
    handler: ({ body }) => {
      if (body.clientId !== appKey || body.clientSecret !== appSecret)
        throw new ApiV1Error(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
      if (body.grantType !== 'authorization_code')
        throw new ApiV1Error(400, 'InvalidParameter', 'grantType 不合法');
      const subject = core.codes.consume(body.code, 'qr');
      const outsider = subject?.startsWith(OUTSIDER) ? subject.slice(OUTSIDER.length) : undefined;
      const u = subject === undefined || outsider ? undefined : core.state.org.getUser(subject);
      if (!u && !(outsider && core.outsiders.has(outsider)))
        throw new ApiV1Error(400, 'InvalidAuthCode', '不合法的临时授权码');
      const t = core.tokens.issueUser(u ? u.unionid : (outsider as string));
      return {
        accessToken: t.token,
        refreshToken: `r${t.token}`,
        expireIn: t.expiresIn,
        corpId: core.credentials.corpId,
      };
    },
  });
  registerApi(app, core, {
    method: 'GET',
    api: 'v1.0/contact/users/me',
    auth: 'user',
    handler: ({ headers }) => {
      const unionid = core.tokens.userOf(
        headers['x-acs-dingtalk-access-token'] as string | undefined,
      );
      const u = unionid === undefined ? undefined : core.state.org.findByUnionId(unionid);
      const outsider = unionid === undefined ? undefined : core.outsiders.get(unionid);
      // Somebody outside the corp: a DingTalk account of its own, unknown to getbyunionid.
      if (!u && unionid !== undefined && outsider !== undefined)
        return { nick: outsider, avatarUrl: '', openId: `op${unionid}`, unionId: unionid };
      if (!u) throw new ApiV1Error(401, 'InvalidAuthentication', '不合法的access_token');
      return {
        nick: u.name,
        avatarUrl: u.avatar,
        ...(core.settings.mobilePermission ? { mobile: u.mobile, stateCode: '86' } : {}),
        openId: `op${u.unionid}`,
        unionId: u.unionid,
        ...(u.email ? { email: u.email } : {}),
      };
    },
  });
}
