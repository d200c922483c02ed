import { describe, expect, it } from 'vitest';
import { EN_TEXTS } from './errcodes.en';
import { ZH_TEXTS } from './errcodes.zh-CN';
import { classifyApiError, classifyErrcode, effectiveErrcode, explainErrcode } from './errcodes';

describe('errcodes', () => {
  it('explains the same codes in both locales', () => {
    expect(Object.keys(EN_TEXTS).sort()).toEqual(Object.keys(ZH_TEXTS).sort());
  });

  it('retries rate limits, busy and token refreshes, never permission or input', () => {
    for (const c of [90002, 90005, 90006, 90018, -1, 40014, 42001])
      expect(classifyErrcode(c).retryable).toBe(true);
    for (const c of [60011, 60020, 60121, 60003, 40078, 40089])
      expect(classifyErrcode(c).retryable).toBe(false);
    expect(classifyErrcode(90018).kind).toBe('rate');
    expect(classifyErrcode(60020).kind).toBe('network-policy');
  });

  it('reads errcode 88 through its numeric sub_code', () => {
    expect(effectiveErrcode(88, '60011')).toBe(60011);
    expect(effectiveErrcode(88, 'isv.x')).toBe(88);
    expect(explainErrcode(88, 'zh-CN', '60011').title).toBe('没有调用该接口的权限');
  });

  it('classifies v1.0 refusals by status and code', () => {
    expect(classifyApiError(403, 'Forbidden.AccessDenied.QpsLimitForApi')).toBe('rate');
    expect(classifyApiError(401, 'InvalidAuthentication')).toBe('token');
    expect(classifyApiError(400, 'invalidClientIdOrSecret')).toBe('token');
    expect(classifyApiError(403, 'Forbidden.AccessDenied.AccessTokenPermissionDenied')).toBe(
      'permission',
    );
    expect(classifyApiError(503, 'ServiceUnavailable')).toBe('transient');
  });

  it('falls back to a lookup hint for unknown codes', () => {
    expect(explainErrcode(123456, 'en').title).toBe('DingTalk error 123456');
  });
});
