import { describe, expect, it } from 'vitest';
import { buildQrLoginUrl, DingTalkError } from '../src/index';
import { client, useSim } from './helpers';

describe('sign-in', async () => {
  const sim = await useSim({ qps: 0, homeUrl: 'http://app.example/home' });

  it('exchanges an in-app 免登 code for the member, once', async () => {
    const dt = client(sim);
    const member = sim.admin.listUsers()[3]!;
    const code = sim.admin.issueAuthCode(member.userid);
    const who = await dt.user.getUserInfoByCode(code);
    expect(who.userid).toBe(member.userid);
    expect(who.unionid).toBe(member.unionid);
    const again = await dt.user.getUserInfoByCode(code).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DingTalkError);
    expect((again as DingTalkError).errcode).toBe(40078);
  });

  it('issues the code through "open the app as this member"', async () => {
    const member = sim.admin.listUsers()[4]!;
    const res = await fetch(`${sim.url}/sim/member/${member.userid}/open`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://app.example/home');
    const who = await client(sim).user.getUserInfoByCode(location.searchParams.get('authCode')!);
    expect(who.userid).toBe(member.userid);
  });

  it('lets somebody outside the corp finish QR login, and getbyunionid then answers 60121', async () => {
    const dt = client(sim);
    const code = sim.admin.issueOutsiderQrCode({ unionid: 'outside-union-1', name: '访客' });
    const token = await dt.oauth.userAccessToken(code);
    const me = await dt.oauth.me(token.accessToken);
    expect(me).toMatchObject({ unionId: 'outside-union-1', nick: '访客' });
    const err = await dt.user.getUserIdByUnionId(me.unionId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkError);
    expect((err as DingTalkError).effectiveErrcode).toBe(60121);
  });

  it('completes the QR login flow: auth page → authCode → user token → me → userid', async () => {
    const dt = client(sim);
    const member = sim.admin.listUsers()[7]!;
    const url = buildQrLoginUrl({
      clientId: sim.credentials.appKey,
      redirectUri: 'http://app.example/callback',
      state: 's-123',
      loginBase: sim.url,
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    const approve = new URL(
      `${sim.url}/oauth2/auth/approve?${new URL(url).searchParams.toString()}&userid=${member.userid}`,
    );
    expect(html).toContain('/oauth2/auth/approve?');
    const res = await fetch(approve, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('s-123');
    const userToken = await dt.oauth.userAccessToken(back.searchParams.get('authCode')!);
    const me = await dt.oauth.me(userToken.accessToken);
    expect(me.unionId).toBe(member.unionid);
    expect(await dt.user.getUserIdByUnionId(me.unionId)).toBe(member.userid);
    // The code is single use.
    await expect(
      dt.oauth.userAccessToken(back.searchParams.get('authCode')!),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a login page for another app', async () => {
    const url = buildQrLoginUrl({
      clientId: 'other',
      redirectUri: 'http://app.example/cb',
      state: 's',
      loginBase: sim.url,
    });
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('client_id');
  });
});
