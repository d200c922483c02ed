import { beforeEach, describe, expect, it } from 'vitest';
import { activeUser, call, token, useSimulator } from './helpers';

const sim = await useSimulator();
const { admin } = sim;
const { corpId, agentId } = sim.credentials;
const REDIRECT = 'http://localhost:3000/sys/thirdLogin/oauth2/wechat_enterprise/callback?tenant=1';

beforeEach(() => admin.reset());

function authorizeUrl(params: Record<string, string>): string {
  const q = new URLSearchParams({
    appid: corpId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'snsapi_base',
    state: 'St4te',
    agentid: String(agentId),
    ...params,
  });
  return `${sim.url}/connect/oauth2/authorize?${q}#wechat_redirect`;
}

async function codeFor(
  params: Record<string, string>,
  path = '/connect/oauth2/authorize',
): Promise<URL> {
  const url =
    path === '/connect/oauth2/authorize'
      ? authorizeUrl(params)
      : `${sim.url}${path}?${new URLSearchParams(params)}`;
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

describe('in-app OAuth (/connect/oauth2/authorize)', () => {
  it('shows a member picker, then redirects with code and the unchanged state', async () => {
    const page = await fetch(authorizeUrl({}), { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('选择你是哪位成员');
    const user = activeUser(sim);
    const back = await codeFor({ sim_userid: user.userid, state: 'a-b_c.123' });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT.split('?')[0]);
    expect(back.searchParams.get('tenant')).toBe('1');
    expect(back.searchParams.get('state')).toBe('a-b_c.123');
    const r = await call(sim, 'auth/getuserinfo', {
      token: await token(sim),
      query: { code: back.searchParams.get('code')! },
    });
    expect(r.body).toEqual({ errcode: 0, errmsg: 'ok', userid: user.userid });
  });

  it('accepts a code once only (40029 on reuse) and for 5 minutes', async () => {
    const t = await token(sim);
    const user = activeUser(sim).userid;
    const code = (await codeFor({ sim_userid: user })).searchParams.get('code')!;
    expect((await call(sim, 'auth/getuserinfo', { token: t, query: { code } })).body.errcode).toBe(
      0,
    );
    const again = await call(sim, 'auth/getuserinfo', { token: t, query: { code } });
    expect(again.body.errcode).toBe(40029);
    expect(again.body.errmsg).toMatch(/^invalid code, hint/);
    const late = (await codeFor({ sim_userid: user })).searchParams.get('code')!;
    admin.advanceClock(5 * 60 * 1000 + 1);
    expect(
      (await call(sim, 'auth/getuserinfo', { token: await token(sim), query: { code: late } })).body
        .errcode,
    ).toBe(40029);
    expect((await call(sim, 'auth/getuserinfo', { token: await token(sim) })).body.errcode).toBe(
      41008,
    );
  });

  it('binds the code to the app that requested it', async () => {
    const other = admin.addApp({ agentId: 1000050 });
    const code = (await codeFor({ sim_userid: activeUser(sim).userid })).searchParams.get('code')!;
    const r = await call(sim, 'auth/getuserinfo', {
      token: await token(sim, other.secret),
      query: { code },
    });
    expect(r.body.errcode).toBe(40029);
    const contact = await call(sim, 'auth/getuserinfo', {
      token: await token(sim, sim.credentials.contactSecret),
      query: { code },
    });
    expect(contact.body.errcode).toBe(50001);
  });

  it('refuses a redirect_uri outside the trusted domain and 50001 when the domain changed before exchange', async () => {
    for (const uri of [
      'http://evil.example/cb',
      'http://www.localhost:3000/cb',
      'http://127.0.0.1:3000/cb',
    ]) {
      const res = await fetch(
        authorizeUrl({ redirect_uri: uri, sim_userid: activeUser(sim).userid }),
        { redirect: 'manual' },
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('redirect_uri需使用应用可信域名');
    }
    admin.setTrustedDomain('localhost:3000');
    const code = (await codeFor({ sim_userid: activeUser(sim).userid })).searchParams.get('code')!;
    const strict = await fetch(
      authorizeUrl({
        redirect_uri: 'http://localhost:3001/cb',
        sim_userid: activeUser(sim).userid,
      }),
      { redirect: 'manual' },
    );
    expect(await strict.text()).toContain('redirect_uri需使用应用可信域名');
    admin.setTrustedDomain('example.com');
    expect(
      (await call(sim, 'auth/getuserinfo', { token: await token(sim), query: { code } })).body
        .errcode,
    ).toBe(50001);
  });

  it('gives non-members an openid and privateinfo members a user_ticket for getuserdetail', async () => {
    const t = await token(sim);
    const visitor = (await codeFor({ sim_visitor: '1' })).searchParams.get('code')!;
    const v = await call(sim, 'auth/getuserinfo', { token: t, query: { code: visitor } });
    expect(v.body).toMatchObject({ errcode: 0, openid: expect.any(String) });
    expect(v.body).not.toHaveProperty('userid');
    const user = activeUser(sim);
    const code = (
      await codeFor({ sim_userid: user.userid, scope: 'snsapi_privateinfo' })
    ).searchParams.get('code')!;
    const info = await call(sim, 'auth/getuserinfo', { token: t, query: { code } });
    expect(info.body).toMatchObject({
      userid: user.userid,
      user_ticket: expect.any(String),
      expires_in: 1800,
    });
    const detail = await call(sim, 'auth/getuserdetail', {
      token: t,
      body: { user_ticket: info.body.user_ticket },
    });
    expect(detail.body).toMatchObject({
      errcode: 0,
      userid: user.userid,
      mobile: user.mobile,
      gender: user.gender,
    });
    expect(detail.body).not.toHaveProperty('name');
    admin.advanceClock(1801 * 1000);
    const expired = await call(sim, 'auth/getuserdetail', {
      token: await token(sim),
      body: { user_ticket: info.body.user_ticket },
    });
    expect(expired.body.errcode).not.toBe(0);
  });

  it('refuses disabled members and degrades privateinfo without agentid to snsapi_base', async () => {
    const disabled = admin.listUsers().find((u) => u.status === 2)!;
    const res = await fetch(authorizeUrl({ sim_userid: disabled.userid }), { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('无法登录');
    const back = await codeFor({
      sim_userid: activeUser(sim).userid,
      scope: 'snsapi_privateinfo',
      agentid: '',
    });
    const info = await call(sim, 'auth/getuserinfo', {
      token: await token(sim),
      query: { code: back.searchParams.get('code')! },
    });
    expect(info.body).not.toHaveProperty('user_ticket');
  });
});

describe('legacy user/getuserinfo', () => {
  it('answers PascalCase keys', async () => {
    const user = activeUser(sim);
    const code = (await codeFor({ sim_userid: user.userid })).searchParams.get('code')!;
    const r = await call(sim, 'user/getuserinfo', { token: await token(sim), query: { code } });
    expect(r.body).toEqual({ errcode: 0, errmsg: 'ok', UserId: user.userid, DeviceId: '' });
  });
});

describe('web login (/wwlogin/sso/login)', () => {
  it('redirects with a code for members in the visible range only', async () => {
    const user = activeUser(sim);
    const params = {
      login_type: 'CorpApp',
      appid: corpId,
      agentid: String(agentId),
      redirect_uri: REDIRECT,
      state: 'qr1',
    };
    const back = await codeFor({ ...params, sim_userid: user.userid }, '/wwlogin/sso/login');
    expect(back.searchParams.get('state')).toBe('qr1');
    const r = await call(sim, 'auth/getuserinfo', {
      token: await token(sim),
      query: { code: back.searchParams.get('code')! },
    });
    expect(r.body.userid).toBe(user.userid);
    const outside = admin.listUsers().find((u) => u.status === 1 && !u.department.includes(1))!;
    admin.setVisibleRange({ departments: [1 + 10_000] });
    const refused = await fetch(
      `${sim.url}/wwlogin/sso/login?${new URLSearchParams({ ...params, sim_userid: outside.userid })}`,
      { redirect: 'manual' },
    );
    expect(await refused.text()).toContain('无权限');
  });
});

describe('open the app as a member', () => {
  it('remembers the member and lets the authorize step pick them silently', async () => {
    const user = activeUser(sim);
    admin.setHomeUrl('http://localhost:3000/home');
    const open = await fetch(`${sim.url}/sim/open?userid=${encodeURIComponent(user.userid)}`, {
      redirect: 'manual',
    });
    expect(open.status).toBe(302);
    expect(open.headers.get('location')).toBe('http://localhost:3000/home');
    const cookie = (open.headers.get('set-cookie') as string).split(';')[0] as string;
    const res = await fetch(authorizeUrl({}), { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location') as string).searchParams.get('code')!;
    expect(
      (await call(sim, 'auth/getuserinfo', { token: await token(sim), query: { code } })).body
        .userid,
    ).toBe(user.userid);
  });
});
