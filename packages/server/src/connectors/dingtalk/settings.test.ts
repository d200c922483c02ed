import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { dingtalkConnector } from './index';

const schemaKeys = Object.keys(
  (dingtalkConnector.settingsSchema as unknown as { properties: Record<string, unknown> })
    .properties,
);

const valid = {
  clientId: 'dingabcdefgh12345678',
  clientSecret: 'S3cr3t-value_with-enough-length',
  agentId: 3_000_000_001,
  corpId: 'ding0123456789abcdef',
  ...dingtalkConnector.generateSettings!(),
};

describe('DingTalk settings and form', () => {
  it('labels and explains every settings field in zh-CN and en', () => {
    expect(dingtalkConnector.formItems.map((f) => f.key).sort()).toEqual([...schemaKeys].sort());
    for (const item of dingtalkConnector.formItems) {
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(item.label[locale]?.trim(), `${item.key} label ${locale}`).toBeTruthy();
        expect(item.help?.[locale]?.trim(), `${item.key} help ${locale}`).toBeTruthy();
      }
    }
  });

  it('marks the secret secret and the callback Token and aes_key generated', () => {
    const type = Object.fromEntries(dingtalkConnector.formItems.map((f) => [f.key, f.type]));
    expect(type).toMatchObject({
      clientSecret: 'secret',
      callbackToken: 'generated',
      callbackAesKey: 'generated',
      agentId: 'number',
      qps: 'number',
    });
  });

  it('generates a Token and a 43-character aes_key the schema accepts, different each time', () => {
    const a = dingtalkConnector.generateSettings!();
    const b = dingtalkConnector.generateSettings!();
    expect(a.callbackAesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(a.callbackAesKey).not.toBe(b.callbackAesKey);
    expect(a.callbackToken).not.toBe(b.callbackToken);
    expect(Value.Check(dingtalkConnector.settingsSchema, valid)).toBe(true);
  });

  it('refuses settings DingTalk could not have issued', () => {
    const check = (over: Record<string, unknown>) =>
      Value.Check(dingtalkConnector.settingsSchema, { ...valid, ...over });
    expect(check({ corpId: 'ww0123456789abcdef' })).toBe(false);
    expect(check({ callbackAesKey: 'short' })).toBe(false);
    expect(check({ agentId: 0 })).toBe(false);
    expect(check({ qps: 0 })).toBe(false);
    expect(check({ qps: 40 })).toBe(true);
    expect(check({ qps: null })).toBe(true);
    expect(check({ unknown: 1 })).toBe(false);
  });

  it('names the corp as the account (one tenant per DingTalk organisation)', () => {
    expect(dingtalkConnector.accountKey(valid)).toBe('ding0123456789abcdef');
  });

  it('declares work-notice capabilities from the documentation', () => {
    expect(dingtalkConnector.capabilities).toEqual({
      messaging: expect.objectContaining({
        types: ['text', 'markdown', 'card', 'news'],
        maxUsersPerCall: 100,
        maxDepartmentsPerCall: 20,
        maxArticles: 1,
        toAll: true,
        perMemberLimit: { sameContentPerDay: 1, perDay: 500 },
        recall: true,
        outcome: 'async',
      }),
      consentedDetail: false,
      outsideRange: false,
    });
  });
});
