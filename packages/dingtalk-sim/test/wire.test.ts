import { describe, expect, it, afterEach } from 'vitest';
import { appToken, call, useSimulator } from './helpers';

describe('wire format', async () => {
  const sim = await useSimulator();
  afterEach(() => {
    sim.admin.clearFaults();
    sim.admin.setLimits({ qps: 20 });
  });

  it('issues the same token again within its life (gettoken and v1.0 share it)', async () => {
    const a = await appToken(sim);
    const v1 = await call(sim, 'v1.0/oauth2/accessToken', {
      body: { appKey: sim.credentials.appKey, appSecret: sim.credentials.appSecret },
    });
    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({ accessToken: a, expireIn: 7200 });
    expect(await appToken(sim)).toBe(a);
  });

  it('answers wrong credentials DingTalk-style on both APIs', async () => {
    const legacy = await call(sim, 'gettoken', { query: { appkey: 'x', appsecret: 'y' } });
    expect(legacy).toMatchObject({ status: 200, body: { errcode: 40089 } });
    expect(legacy.body.request_id).toEqual(expect.any(String));
    const v1 = await call(sim, 'v1.0/oauth2/accessToken', {
      body: { appKey: 'x', appSecret: 'y' },
    });
    expect(v1.status).toBe(400);
    expect(v1.body).toMatchObject({ code: 'invalidClientIdOrSecret', message: expect.any(String) });
  });

  it('answers an unknown topapi path with errcode 22, as oapi does', async () => {
    const r = await call(sim, 'topapi/app/remove_auth', { body: {} });
    expect(r.body).toMatchObject({
      errcode: 22,
      errmsg: expect.stringContaining('dingtalk.oapi.app.remove_auth'),
    });
  });

  it('checks the access token: missing 41001, unknown 40014', async () => {
    expect(
      (await call(sim, 'topapi/v2/department/get', { body: { dept_id: 1 } })).body.errcode,
    ).toBe(41001);
    expect(
      (await call(sim, 'topapi/v2/department/get', { token: 'nope', body: { dept_id: 1 } })).body
        .errcode,
    ).toBe(40014);
  });

  it('pages user/list by cursor with has_more / next_cursor, size at most 100', async () => {
    const token = await appToken(sim);
    const first = await call(sim, 'topapi/v2/user/list', {
      token,
      body: { dept_id: 2, cursor: 0, size: 100 },
    });
    const result = first.body.result as { has_more: boolean; next_cursor: number; list: unknown[] };
    expect(result).toMatchObject({ has_more: true, next_cursor: 100 });
    expect(result.list).toHaveLength(100);
    const last = await call(sim, 'topapi/v2/user/list', {
      token,
      body: { dept_id: 2, cursor: 100, size: 100 },
    });
    expect((last.body.result as { has_more: boolean }).has_more).toBe(false);
    expect((last.body.result as Record<string, unknown>).next_cursor).toBeUndefined();
    const big = await call(sim, 'topapi/v2/user/list', {
      token,
      body: { dept_id: 2, cursor: 0, size: 101 },
    });
    expect(big.body.errcode).toBe(400002);
  });

  it('takes form-encoded fields as topapi does', async () => {
    const token = await appToken(sim);
    const res = await fetch(`${sim.url}/topapi/v2/user/list?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'dept_id=2&cursor=0&size=5',
    });
    const body = (await res.json()) as { errcode: number; result: { list: unknown[] } };
    expect(body.errcode).toBe(0);
    expect(body.result.list).toHaveLength(5);
  });

  it('answers 60003 for an unknown department and 400002 for a body that is not JSON', async () => {
    const token = await appToken(sim);
    expect(
      (await call(sim, 'topapi/v2/department/listsub', { token, body: { dept_id: 424242 } })).body
        .errcode,
    ).toBe(60003);
    expect(
      (await call(sim, 'topapi/v2/department/listsub', { token, raw: '{"dept_id":' })).body.errcode,
    ).toBe(400002);
  });

  it('answers 90018 above the QPS limit on oapi, and 403 on v1.0', async () => {
    const token = await appToken(sim);
    sim.admin.resetPeaks();
    sim.admin.setLimits({ qps: 3 });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(sim, 'topapi/v2/department/get', { token, body: { dept_id: 1 } }),
      ),
    );
    const codes = answers.map((a) => a.body.errcode);
    expect(codes.filter((c) => c === 0)).toHaveLength(3);
    expect(codes.filter((c) => c === 90018)).toHaveLength(3);
    const v1 = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(sim, 'v1.0/oauth2/accessToken', {
          body: { appKey: sim.credentials.appKey, appSecret: sim.credentials.appSecret },
        }),
      ),
    );
    expect(v1.filter((a) => a.status === 403).map((a) => a.body.code)).toEqual([
      'Forbidden.AccessDenied.QpsLimitForApi',
      'Forbidden.AccessDenied.QpsLimitForApi',
    ]);
    expect(sim.admin.peakQps('topapi/v2/department/get')).toBe(6);
  });

  it('injects errcodes (with sub_code under 88) and malformed bodies', async () => {
    const token = await appToken(sim);
    sim.admin.injectFault({
      api: 'topapi/v2/department/get',
      errcode: 88,
      subCode: '60011',
      times: 1,
    });
    const r = await call(sim, 'topapi/v2/department/get', { token, body: { dept_id: 1 } });
    expect(r.body).toMatchObject({
      errcode: 88,
      sub_code: '60011',
      sub_msg: '没有调用该接口的权限',
    });
    sim.admin.injectFault({ api: 'topapi/v2/department/get', kind: 'malformed', times: 1 });
    const res = await fetch(`${sim.url}/topapi/v2/department/get?access_token=${token}`, {
      method: 'POST',
      body: '{"dept_id":1}',
    });
    await expect(res.json()).rejects.toThrow();
  });
});
