import { describe, expect, it } from 'vitest';
import { buildOAuthAuthorizeUrl, buildQrLoginUrl } from './oauth';

describe('OAuth URL builders', () => {
  it('builds the in-app authorize URL in the documented order with #wechat_redirect', () => {
    const url = buildOAuthAuthorizeUrl({
      corpId: 'ww1234567890abcdef',
      redirectUri:
        'https://app.example.com/sys/thirdLogin/oauth2/wechat_enterprise/callback?a=1&b=2',
      state: 'abcXYZ123',
      agentId: 1000002,
    });
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1234567890abcdef' +
        '&redirect_uri=https%3A%2F%2Fapp.example.com%2Fsys%2FthirdLogin%2Foauth2%2Fwechat_enterprise%2Fcallback%3Fa%3D1%26b%3D2' +
        '&response_type=code&scope=snsapi_base&state=abcXYZ123&agentid=1000002#wechat_redirect',
    );
  });

  it('uses an injected base and scope', () => {
    const url = new URL(
      buildOAuthAuthorizeUrl({
        oauthBase: 'http://127.0.0.1:4100/',
        corpId: 'ww1',
        redirectUri: 'http://localhost:3000/cb',
        state: 's',
        agentId: '1000002',
        scope: 'snsapi_privateinfo',
      }),
    );
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4100/connect/oauth2/authorize');
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:3000/cb');
    expect(url.searchParams.get('scope')).toBe('snsapi_privateinfo');
    expect(url.hash).toBe('#wechat_redirect');
  });

  it('builds the web/QR login URL', () => {
    const url = buildQrLoginUrl({
      loginBase: 'http://127.0.0.1:4100',
      corpId: 'ww1',
      agentId: 1000002,
      redirectUri: 'http://localhost:3000/cb?x=1',
      state: 'st8',
    });
    expect(url).toBe(
      'http://127.0.0.1:4100/wwlogin/sso/login?login_type=CorpApp&appid=ww1&agentid=1000002' +
        '&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb%3Fx%3D1&state=st8',
    );
    expect(buildQrLoginUrl({ corpId: 'a', agentId: 1, redirectUri: 'r', state: 's' })).toMatch(
      /^https:\/\/login\.work\.weixin\.qq\.com\/wwlogin\/sso\/login\?/,
    );
  });

  it('rejects a state WeCom would mangle (only a-zA-Z0-9, ≤128 bytes)', () => {
    const base = { corpId: 'a', agentId: 1, redirectUri: 'r' };
    expect(() => buildOAuthAuthorizeUrl({ ...base, state: 'a_b' })).toThrow(RangeError);
    expect(() => buildQrLoginUrl({ ...base, state: 'x'.repeat(129) })).toThrow(RangeError);
    expect(() => buildQrLoginUrl({ ...base, state: 'x'.repeat(128) })).not.toThrow();
  });
});
