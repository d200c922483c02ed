import { describe, expect, it } from 'vitest';
import { LOCAL_ERRCODE, WeComError } from './errors';
import { buildUrl, decodeBody } from './http';

const h = (init: Record<string, string> = {}) => new Headers(init);

function decodeError(status: number, text: string, headers = h()): WeComError {
  try {
    decodeBody('user/get', status, text, headers);
  } catch (err) {
    if (err instanceof WeComError) return err;
    throw err;
  }
  throw new Error('expected a WeComError');
}

describe('decodeBody', () => {
  it('treats an absent errcode as success (doc /90664)', () => {
    expect(decodeBody('x', 200, '{"userid":"a"}', h())).toMatchObject({ errcode: 0, errmsg: '' });
  });

  it('reads errcode given as a string and keeps extra payload fields', () => {
    const res = decodeBody(
      'x',
      200,
      '{"errcode":"81013","errmsg":"all invalid","invaliduser":"a"}',
      h(),
    );
    expect(res.errcode).toBe(81013);
    expect(res.body.invaliduser).toBe('a');
  });

  it('flags "Warning: wrong json format" but still succeeds', () => {
    const res = decodeBody(
      'x',
      200,
      '{"errcode":0,"errmsg":"ok, Warning: wrong json format. "}',
      h(),
    );
    expect(res.errcode).toBe(0);
    expect(res.warning).toContain('wrong json format');
  });

  it('turns non-JSON bodies into retryable, uncertain transient errors', () => {
    const err = decodeError(502, '<html>Bad Gateway</html>');
    expect(err).toMatchObject({
      errcode: LOCAL_ERRCODE.badResponse,
      kind: 'transient',
      retryable: true,
      uncertain: true,
    });
    expect(decodeError(200, '{"errcode":0,').errcode).toBe(LOCAL_ERRCODE.badResponse);
    expect(decodeError(200, '[1,2]').errcode).toBe(LOCAL_ERRCODE.badResponse);
    expect(decodeError(200, '{"errcode":"busy"}').errcode).toBe(LOCAL_ERRCODE.badResponse);
  });

  it('falls back to the Error-Code header when the body is unreadable', () => {
    const res = decodeBody(
      'x',
      200,
      '',
      h({ 'error-code': '60111', 'error-msg': 'userid not found' }),
    );
    expect(res).toMatchObject({ errcode: 60111, errmsg: 'userid not found' });
  });

  it('does not accept a non-200 status as success', () => {
    expect(decodeError(500, '{}').errcode).toBe(LOCAL_ERRCODE.badResponse);
  });
});

describe('buildUrl', () => {
  it('puts access_token in the query and drops undefined parameters', () => {
    const url = new URL(
      buildUrl('http://127.0.0.1:1/', 'department/list', { id: undefined }, 't k'),
    );
    expect(url.pathname).toBe('/cgi-bin/department/list');
    expect(url.searchParams.get('access_token')).toBe('t k');
    expect(url.searchParams.has('id')).toBe(false);
  });
});
