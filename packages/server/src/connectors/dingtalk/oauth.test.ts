import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../kit';
import { connect, useDingTalkSim } from './testing';

describe('DingTalk sign-in over the simulator', async () => {
  const sim = await useDingTalkSim({
    homeUrl: 'http://orgbridge.test/sys/thirdLogin/oauth2/dingtalk/callback',
  });

  it('in-app: the app URL carries state, corpId and clientId; the 免登 code names the member once', async () => {
    const { instance, settings } = connect(sim);
    const url = new URL(
      instance.oauth.authorizeUrl({ redirectUri: 'http://orgbridge.test/cb?x=1', state: 's1' }),
    );
    expect(url.origin + url.pathname).toBe('http://orgbridge.test/cb');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      x: '1',
      state: 's1',
      corpId: settings.corpId,
      clientId: settings.clientId,
    });

    const member = sim.admin.listUsers()[2]!;
    const code = sim.admin.issueAuthCode(member.userid);
    expect(await instance.oauth.exchange(code, 'in-app')).toEqual({
      kind: 'member',
      userId: member.userid,
    });
    const reused = await instance.oauth.exchange(code, 'in-app').catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(ConnectorError);
    expect((reused as ConnectorError).info.providerCode).toBe(40078);
  });

  it('in-app: the code from 「以该成员身份打开应用」 (authCode on the home URL) signs the member in', async () => {
    const { instance } = connect(sim);
    const member = sim.admin.listUsers()[4]!;
    const res = await fetch(`${sim.url}/sim/member/${member.userid}/open`, {
      method: 'POST',
      redirect: 'manual',
    });
    const landing = new URL(res.headers.get('location')!);
    expect(landing.searchParams.get('corpId')).toBe(sim.credentials.corpId);
    const who = await instance.oauth.exchange(landing.searchParams.get('authCode')!, 'in-app');
    expect(who).toEqual({ kind: 'member', userId: member.userid });
  });

  it('QR: the login page redirects with an authCode that resolves to the member through unionId', async () => {
    const { instance } = connect(sim);
    const member = sim.admin.listUsers()[7]!;
    const login = new URL(
      instance.oauth.qrLoginUrl({ redirectUri: 'http://orgbridge.test/cb', state: 'qr-1' }),
    );
    expect(login.origin).toBe(sim.url);
    expect(login.pathname).toBe('/oauth2/auth');
    expect(login.searchParams.get('client_id')).toBe(sim.credentials.appKey);
    login.pathname = '/oauth2/auth/approve';
    login.searchParams.set('userid', member.userid);
    const res = await fetch(login, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('qr-1');
    const who = await instance.oauth.exchange(back.searchParams.get('authCode')!, 'web');
    expect(who).toEqual({ kind: 'member', userId: member.userid });
  });

  it('QR: somebody outside the corp is an outsider (admin code, or the login page’s outsider link)', async () => {
    const { instance } = connect(sim);
    const code = sim.admin.issueOutsiderQrCode({ name: '访客' });
    expect(await instance.oauth.exchange(code, 'web')).toEqual({ kind: 'outsider' });

    const login = new URL(
      instance.oauth.qrLoginUrl({ redirectUri: 'http://orgbridge.test/cb', state: 'o' }),
    );
    const page = await (await fetch(login)).text();
    const link = /href="([^"]*outsider=1[^"]*)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeTruthy();
    const res = await fetch(new URL(link!, sim.url), { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(await instance.oauth.exchange(back.searchParams.get('authCode')!)).toEqual({
      kind: 'outsider',
    });
  });

  it('without `via`, tells an in-app code from a QR code', async () => {
    const { instance } = connect(sim);
    const a = sim.admin.listUsers()[10]!;
    const b = sim.admin.listUsers()[11]!;
    expect(await instance.oauth.exchange(sim.admin.issueAuthCode(a.userid))).toEqual({
      kind: 'member',
      userId: a.userid,
    });
    expect(await instance.oauth.exchange(sim.admin.issueQrCode(b.userid))).toEqual({
      kind: 'member',
      userId: b.userid,
    });
  });

  it('a bad QR code is an input error with an explanation', async () => {
    const { instance } = connect(sim);
    const err = await instance.oauth.exchange('not-a-code', 'web').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).kind).toBe('input');
    expect((err as ConnectorError).info.explanation.en.title.length).toBeGreaterThan(0);
  });
});
