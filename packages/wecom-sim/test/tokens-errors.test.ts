import { describe, expect, it } from 'vitest';
import { call, ERRMSG_SHAPE, token, useSimulator } from './helpers';

const sim = await useSimulator();
const { corpId, secret, contactSecret } = sim.credentials;

describe('error shape', () => {
  it('answers business errors with HTTP 200, errcode, a modern errmsg and Error-Code/Error-Msg headers', async () => {
    const r = await call(sim, 'user/get', {
      token: await token(sim),
      query: { userid: 'nobody-here' },
    });
    expect(r.status).toBe(200);
    expect(r.body.errcode).toBe(60111);
    expect(r.body.errmsg).toMatch(/^userid not found, /);
    expect(r.body.errmsg).toMatch(ERRMSG_SHAPE(60111));
    expect(r.body).toMatchObject({ department: [], order: [], is_leader_in_dept: [] });
    expect(r.headers.get('error-code')).toBe('60111');
    expect(r.headers.get('error-msg')).toBe(r.body.errmsg);
    expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });

  it('marks broken JSON bodies with the "wrong json format" warning', async () => {
    const res = await fetch(`${sim.url}/cgi-bin/message/send?access_token=${await token(sim)}`, {
      method: 'POST',
      body: '{"touser":',
    });
    const body = (await res.json()) as { errcode: number; errmsg: string };
    expect(body.errcode).toBe(41011);
    expect(body.errmsg).toMatch(/^Warning: wrong json format\. /);
  });

  it('refuses a POST API called with GET (40058)', async () => {
    expect((await call(sim, 'message/send', { token: await token(sim) })).body.errcode).toBe(40058);
  });
});

describe('gettoken', () => {
  it('validates corpid and secret', async () => {
    const codes = await Promise.all(
      [
        {},
        { corpid: 'wwnope', corpsecret: secret },
        { corpid: corpId },
        { corpid: corpId, corpsecret: 'wrong' },
      ].map(
        async (query) =>
          (await call(sim, 'gettoken', { query: query as Record<string, string> })).body.errcode,
      ),
    );
    expect(codes).toEqual([41002, 40013, 41004, 40001]);
  });

  it('returns the same token with expires_in 7200 on refetch, a different one per secret', async () => {
    const first = await call(sim, 'gettoken', { query: { corpid: corpId, corpsecret: secret } });
    const again = await call(sim, 'gettoken', { query: { corpid: corpId, corpsecret: secret } });
    expect(first.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(first.headers.get('error-code')).toBe('0');
    expect(again.body.access_token).toBe(first.body.access_token);
    expect((first.body.access_token as string).length).toBeGreaterThan(100);
    expect(await token(sim, contactSecret)).not.toBe(first.body.access_token);
  });

  it('takes access_token from the query only: missing → 41001, in the body → 41001, unknown → 40014', async () => {
    expect((await call(sim, 'user/get', { query: { userid: 'x' } })).body.errcode).toBe(41001);
    expect((await call(sim, 'user/get', { token: '', query: { userid: 'x' } })).body.errcode).toBe(
      41001,
    );
    const inBody = await call(sim, 'message/send', {
      body: { access_token: await token(sim), touser: '@all' },
    });
    expect(inBody.body.errcode).toBe(41001);
    expect((await call(sim, 'department/list', { token: 'garbage' })).body.errcode).toBe(40014);
  });

  it('expires tokens after 7200 s with 42001 and issues a new one', async () => {
    const old = await token(sim);
    sim.admin.advanceClock(7200 * 1000);
    expect((await call(sim, 'department/list', { token: old })).body.errcode).toBe(42001);
    const fresh = await token(sim);
    expect(fresh).not.toBe(old);
    expect((await call(sim, 'department/list', { token: fresh })).body.errcode).toBe(0);
  });

  it('invalidates tokens early with the chosen errcode (42001 or 40014)', async () => {
    const a = await token(sim);
    expect(sim.admin.expireTokens(40014)).toBeGreaterThan(0);
    expect((await call(sim, 'department/list', { token: a })).body.errcode).toBe(40014);
    const b = await token(sim);
    expect(b).not.toBe(a);
    sim.admin.expireTokens(42001);
    expect((await call(sim, 'department/list', { token: b })).body.errcode).toBe(42001);
  });
});
