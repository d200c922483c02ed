import { describe, expect, it } from 'vitest';
import { DingTalkError } from './errors';
import { decodeResponse } from './http';
import { LOCAL_ERRCODE } from './errcodes';

const res = (status: number, text: string, contentType = 'application/json') => ({
  status,
  text,
  contentType,
});

describe('decodeResponse (wire quirks)', () => {
  it('reads an oapi success without errcode, and errcode as a string', () => {
    expect(decodeResponse('oapi', 'x', res(200, '{"result":[]}')).errcode).toBe(0);
    expect(
      decodeResponse('oapi', 'x', res(200, '{"errcode":"60121","errmsg":"找不到该用户"}')),
    ).toMatchObject({
      errcode: 60121,
      errmsg: '找不到该用户',
    });
  });

  it('keeps sub_code of errcode 88', () => {
    const r = decodeResponse(
      'oapi',
      'x',
      res(200, '{"errcode":88,"sub_code":"60011","sub_msg":"没有调用该接口的权限"}'),
    );
    expect(r).toMatchObject({ errcode: 88, subCode: '60011' });
  });

  it('turns an HTML page (a proxy or the per-IP ban) into a transient bad response without its text', () => {
    const err = (() => {
      try {
        decodeResponse(
          'oapi',
          'topapi/v2/user/list',
          res(200, '<html>访问被拒绝 secret-banner</html>', 'text/html'),
        );
      } catch (e) {
        return e as DingTalkError;
      }
      throw new Error('expected a failure');
    })();
    expect(err.errcode).toBe(LOCAL_ERRCODE.badResponse);
    expect(err.kind).toBe('transient');
    expect(err.errmsg).not.toContain('secret-banner');
  });

  it('refuses a non-200 oapi answer without errcode', () => {
    expect(() => decodeResponse('oapi', 'x', res(502, '{}'))).toThrow(/HTTP 502 without errcode/);
  });

  it('maps a v1.0 refusal to status and code, in either capitalisation', () => {
    expect(
      decodeResponse(
        'api',
        'v',
        res(403, '{"code":"Forbidden.AccessDenied.QpsLimitForApi","message":"m","requestid":"r"}'),
      ),
    ).toMatchObject({
      errcode: LOCAL_ERRCODE.apiError,
      status: 403,
      code: 'Forbidden.AccessDenied.QpsLimitForApi',
      errmsg: 'm',
    });
    expect(
      decodeResponse('api', 'v', res(400, '{"Code":"InvalidParameter","Message":"bad"}')),
    ).toMatchObject({
      code: 'InvalidParameter',
      errmsg: 'bad',
    });
    expect(
      decodeResponse('api', 'v', res(200, '{"accessToken":"t","expireIn":7200}')).errcode,
    ).toBe(0);
  });

  it('classifies v1.0 refusals on the error', () => {
    const rate = new DingTalkError({
      errcode: LOCAL_ERRCODE.apiError,
      errmsg: '',
      api: 'v',
      status: 403,
      code: 'Forbidden.AccessDenied.QpsLimitForApi',
    });
    expect([rate.kind, rate.retryable]).toEqual(['rate', true]);
    const token = new DingTalkError({
      errcode: LOCAL_ERRCODE.apiError,
      errmsg: '',
      api: 'v',
      status: 401,
      code: 'InvalidAuthentication',
    });
    expect([token.kind, token.retryable]).toEqual(['token', true]);
    const secret = new DingTalkError({
      errcode: LOCAL_ERRCODE.apiError,
      errmsg: '',
      api: 'v',
      status: 400,
      code: 'invalidClientIdOrSecret',
    });
    expect([secret.kind, secret.retryable]).toEqual(['token', false]);
  });
});
