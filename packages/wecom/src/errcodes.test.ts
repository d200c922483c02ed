import { describe, expect, it } from 'vitest';
import { classifyErrcode, explainErrcode, explainedErrcodes, parseFromIp } from './errcodes';
import { EN_TEXTS } from './errcodes.en';
import { ZH_TEXTS } from './errcodes.zh-CN';
import { LOCAL_ERRCODE, WeComError } from './errors';

const ERRMSG_60020 =
  'not allow to access from your ip, hint: [1680743372339601936772701], from ip: 139.227.20.128, more info at https://open.work.weixin.qq.com/devtool/query?e=60020';

describe('errcode table', () => {
  it('has both locales for exactly the same codes, with non-empty texts', () => {
    expect(Object.keys(EN_TEXTS).sort()).toEqual(Object.keys(ZH_TEXTS).sort());
    for (const code of explainedErrcodes()) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const e = explainErrcode(code, locale);
        expect(e.title && e.cause && e.fix, `${code} ${locale}`).toBeTruthy();
      }
    }
  });

  it.each([
    [-1, 'transient', true],
    [45009, 'rate', true],
    [45033, 'rate', true],
    [40014, 'token', true],
    [42001, 'token', true],
    [41001, 'token', true],
    [40001, 'token', false],
    [40013, 'token', false],
    [60020, 'network-policy', false],
    [48002, 'permission', false],
    [48009, 'permission', false],
    [60011, 'permission', false],
    [60111, 'permission', false],
    [81013, 'permission', false],
    [301002, 'permission', false],
    [40029, 'input', false],
    [82001, 'input', false],
    [LOCAL_ERRCODE.network, 'network', true],
    [LOCAL_ERRCODE.timeout, 'network', true],
    [LOCAL_ERRCODE.badResponse, 'transient', true],
    [99999, 'input', false],
  ] as const)('classifies %i as %s (retryable %s)', (code, kind, retryable) => {
    expect(classifyErrcode(code)).toEqual({ kind, retryable });
  });

  it('explains 60020 with the caller IP taken from errmsg, in both languages', () => {
    const zh = explainErrcode(60020, 'zh-CN', ERRMSG_60020);
    expect(zh.fix).toContain('企业可信IP');
    expect(zh.fix).toContain('139.227.20.128');
    const en = explainErrcode(60020, 'en', ERRMSG_60020);
    expect(en.fix).toContain('139.227.20.128');
    expect(explainErrcode(60020, 'en').fix).toContain("this server's outbound IP");
  });

  it('points visible-range and secret-kind errors at 可见范围 / the secret kind', () => {
    for (const code of [48002, 60011, 60111, 81013]) {
      const zh = explainErrcode(code, 'zh-CN');
      expect(`${zh.cause}${zh.fix}`).toMatch(/可见范围|通讯录同步/);
    }
    expect(explainErrcode(48002, 'en').fix).toMatch(/contacts-sync Secret/);
    expect(explainErrcode(40001, 'en').fix).toMatch(/Secret/);
    expect(explainErrcode(40013, 'zh-CN').fix).toMatch(/企业ID/);
  });

  it('falls back to the devtool link for codes without a text', () => {
    expect(explainErrcode(12345, 'en').fix).toContain('devtool/query?e=12345');
  });
});

describe('WeComError', () => {
  it('parses from ip and carries the classification', () => {
    const err = new WeComError({ errcode: 60020, errmsg: ERRMSG_60020, api: 'user/get' });
    expect(err).toMatchObject({
      kind: 'network-policy',
      retryable: false,
      fromIp: '139.227.20.128',
    });
    expect(err.explain('zh-CN').title).toBe('不安全的访问IP');
    expect(err.message).toContain('user/get');
  });

  it('parses IPv6 and tolerates old errmsg formats without an IP', () => {
    expect(parseFromIp('x, hint: [1], from ip: 240e:3b7::1, more info at y')).toBe('240e:3b7::1');
    expect(
      parseFromIp('invalid code, hint: [1597733128_47_64fcadb1b2caaa453d570b16348fd1ae]'),
    ).toBe(undefined);
    expect(new WeComError({ errcode: 40029, errmsg: 'invalid code', api: 'a' }).fromIp).toBe(
      undefined,
    );
  });
});
