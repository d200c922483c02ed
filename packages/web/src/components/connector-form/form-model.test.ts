import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { testI18n } from '../../test/i18n';
import { DINGTALK_ITEMS, WECOM_ITEMS, WECOM_STORED } from './fixtures';
import {
  fieldTestId,
  initialSettings,
  newSettings,
  problemOf,
  settingsChanges,
  type SettingsValues,
} from './form-model';

const item = (items: typeof WECOM_ITEMS, key: string) => {
  const found = items.find((i) => i.key === key);
  if (!found) throw new Error(key);
  return found;
};

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  zh = (await testI18n('zh-CN')).t;
  en = (await testI18n('en')).t;
});

describe('validation messages name the field in the admin’s language', () => {
  const fresh = { editing: false };

  it('a required field left empty (or blank) asks for it by its label', () => {
    const corpId = item(DINGTALK_ITEMS, 'corpId');
    expect(problemOf(corpId, undefined, fresh, zh, 'zh-CN')).toBe('请填写CorpId（企业 ID）');
    expect(problemOf(corpId, '   ', fresh, en, 'en')).toBe('Enter the CorpId');
  });

  it('a value that misses the item’s pattern is refused; surrounding spaces are not held against it', () => {
    const clientId = item(WECOM_ITEMS, 'clientId');
    expect(problemOf(clientId, 'ww-0e2e', fresh, zh, 'zh-CN')).toBe(
      'AppKey（企业ID / CorpID）的格式不对，请对照下方说明检查',
    );
    expect(problemOf(clientId, '  ww0e2e0000000000aa ', fresh, zh, 'zh-CN')).toBeNull();
  });

  it('a number item refuses what is not a number and checks its pattern on the digits', () => {
    const agentId = item(WECOM_ITEMS, 'agentId');
    expect(problemOf(agentId, 'abc', fresh, en, 'en')).toBe('AgentId must be a number');
    expect(problemOf(agentId, 1000002, fresh, en, 'en')).toBeNull();
    const digits = { ...agentId, pattern: '^[0-9]{7}$' };
    expect(problemOf(digits, 12, fresh, en, 'en')).toBe(
      'AgentId has the wrong format; check it against the note below',
    );
  });

  it('a required secret is required on the first save only: when editing, empty keeps the stored one', () => {
    const secret = item(WECOM_ITEMS, 'clientSecret');
    expect(problemOf(secret, '', fresh, zh, 'zh-CN')).toBe('请填写AppSecret（应用 Secret）');
    expect(problemOf(secret, '', { editing: true }, zh, 'zh-CN')).toBeNull();
    // A new value typed while editing is still checked.
    expect(problemOf(secret, 'short', { editing: true }, zh, 'zh-CN')).toMatch(/格式不对/);
  });

  it('generated items and secrets being removed are never in the way', () => {
    expect(problemOf(item(WECOM_ITEMS, 'callbackToken'), undefined, fresh, zh, 'zh-CN')).toBeNull();
    const contact = item(WECOM_ITEMS, 'contactSecret');
    expect(problemOf(contact, 'x', { editing: true, removing: true }, zh, 'zh-CN')).toBeNull();
  });
});

describe('what the form starts with and what a save sends', () => {
  it('starts from the stored text and numbers; secrets start empty, generated values are no inputs', () => {
    expect(initialSettings(WECOM_ITEMS, WECOM_STORED)).toEqual({
      agentId: 1000002,
      clientId: 'ww0e2e0000000000aa',
    });
    expect(initialSettings(WECOM_ITEMS, null)).toEqual({});
  });

  it('a first save sends every entered value, trimmed, and nothing generated', () => {
    const values: SettingsValues = {
      clientId: ' dingappkey01 ',
      clientSecret: 'S3cret-value',
      agentId: 3001,
      corpId: 'dingcorp01',
      callbackToken: 'typed-by-mistake',
    };
    expect(newSettings(DINGTALK_ITEMS, values)).toEqual({
      clientId: 'dingappkey01',
      clientSecret: 'S3cret-value',
      agentId: 3001,
      corpId: 'dingcorp01',
    });
  });

  it('an edit that leaves the masked secrets alone sends neither them nor their masks', () => {
    const values: SettingsValues = { ...initialSettings(WECOM_ITEMS, WECOM_STORED) };
    expect(settingsChanges(WECOM_ITEMS, values, WECOM_STORED)).toEqual({});
    const changed = settingsChanges(
      WECOM_ITEMS,
      { ...values, agentId: 1000003, clientSecret: 'N3w-secret-value' },
      WECOM_STORED,
    );
    expect(changed).toEqual({ agentId: 1000003, clientSecret: 'N3w-secret-value' });
    expect(JSON.stringify(changed)).not.toContain('******');
  });

  it('removing a stored optional secret sends null for it', () => {
    const values: SettingsValues = {
      ...initialSettings(WECOM_ITEMS, WECOM_STORED),
      contactSecret: 'ignored-when-removing',
      removeStored: { contactSecret: true },
    };
    expect(settingsChanges(WECOM_ITEMS, values, WECOM_STORED)).toEqual({ contactSecret: null });
  });

  it('test ids follow the item key, so the WeCom journeys keep theirs', () => {
    expect(fieldTestId('wecom', 'clientSecret')).toBe('wecom-client-secret');
    expect(fieldTestId('wecom', 'agentId')).toBe('wecom-agent-id');
    expect(fieldTestId('dingtalk', 'callbackAesKey')).toBe('dingtalk-callback-aes-key');
  });
});
