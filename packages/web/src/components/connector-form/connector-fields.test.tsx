import { Form } from 'antd';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorFormItem } from '../../api/connectors';
import { testI18n } from '../../test/i18n';
import { ConnectorFields } from './connector-fields';
import { DINGTALK_ITEMS, WECOM_ITEMS, WECOM_STORED } from './fixtures';
import type { StoredSettings } from './form-model';

let zh: I18n;
let en: I18n;
beforeAll(async () => {
  zh = await testI18n('zh-CN');
  en = await testI18n('en');
});

/**
 * The fields as static HTML (node has no DOM). The markup is regular enough to look at one field
 * by its test id: its opening tag, or for read-only values the text up to the end of the value.
 */
function render(
  items: ConnectorFormItem[],
  stored: StoredSettings,
  prefix: string,
  i18n: I18n = zh,
): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <Form layout="vertical">
        <ConnectorFields items={items} stored={stored} testIdPrefix={prefix} />
      </Form>
    </I18nextProvider>,
  );
}

const tagOf = (html: string, testId: string) =>
  new RegExp(`<[a-z]+[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? null;

describe('the config form renders each form item by its type', () => {
  it('text, number and secret items become inputs under the connector’s own labels and help', () => {
    const doc = render(WECOM_ITEMS, null, 'wecom');
    expect(tagOf(doc, 'wecom-client-id')).toMatch(/type="text"/);
    expect(tagOf(doc, 'wecom-agent-id')).toMatch(
      /role="spinbutton"|class="ant-input-number-input"/,
    );
    expect(tagOf(doc, 'wecom-client-secret')).toMatch(/type="password"/);
    // Browsers must not fill a stored password into it.
    expect(tagOf(doc, 'wecom-client-secret')).toMatch(/autocomplete="new-password"/i);
    expect(doc).toContain('AppKey（企业ID / CorpID）');
    expect(doc).toContain('我的企业 → 企业信息 → 企业ID');
  });

  it('labels and help follow the language', () => {
    const doc = render(WECOM_ITEMS, null, 'wecom', en);
    expect(doc).toContain('AppKey (CorpID)');
    expect(doc).toContain('My company → Company info → CorpID');
    expect(doc).not.toContain('企业ID');
  });

  it('required items carry the required mark; a stored secret is no longer required', () => {
    const required = (doc: string, label: string) =>
      new RegExp(`<label[^>]*class="[^"]*ant-form-item-required[^"]*"[^>]*>${label}`).test(doc);
    const fresh = render(WECOM_ITEMS, null, 'wecom');
    expect(required(fresh, 'AppSecret（应用 Secret）')).toBe(true);
    expect(required(fresh, '通讯录同步 Secret（可选）')).toBe(false);
    const editing = render(WECOM_ITEMS, WECOM_STORED, 'wecom');
    expect(required(editing, 'AppSecret（应用 Secret）')).toBe(false);
    expect(required(editing, 'AgentId')).toBe(true);
  });

  it('a stored secret is never put in the field: its mask is the placeholder, saying empty keeps it', () => {
    const doc = render(WECOM_ITEMS, WECOM_STORED, 'wecom');
    const secret = tagOf(doc, 'wecom-client-secret') ?? '';
    expect(secret).toContain('placeholder="留空表示不修改（当前：******x9Qe）"');
    expect(secret).not.toMatch(/value="[^"]+"/);
    // An optional stored secret can be removed; a required one cannot.
    expect(tagOf(doc, 'wecom-contact-secret-remove')).not.toBeNull();
    expect(tagOf(doc, 'wecom-client-secret-remove')).toBeNull();
    expect(tagOf(render(WECOM_ITEMS, null, 'wecom'), 'wecom-contact-secret-remove')).toBeNull();
  });

  it('a generated value is shown read-only with a copy button, not as an input', () => {
    const doc = render(WECOM_ITEMS, WECOM_STORED, 'wecom');
    const html = doc;
    const token = new RegExp(`<span[^>]*data-testid="wecom-callback-token"[^>]*>.*?</code>`).exec(
      html,
    )?.[0];
    expect(token).toBeDefined();
    expect(token).toContain('Q8bT2mV7xK1pR4sW');
    expect(token).toMatch(/<button[^>]*class="ant-typography-copy"/);
    expect(token).not.toMatch(/<input/);
  });

  it('before the first save a generated item says the server makes it', () => {
    const doc = render(DINGTALK_ITEMS, null, 'dingtalk');
    const aes = new RegExp(`<span[^>]*data-testid="dingtalk-callback-aes-key"[^>]*>([^<]*)<`).exec(
      doc,
    );
    expect(aes?.[1]).toBe('保存后由系统生成，再复制到对方后台');
    expect(doc).not.toMatch(/<input[^>]*data-testid="dingtalk-callback-aes-key"/);
  });

  it('DingTalk’s metadata renders DingTalk’s fields, none of WeCom’s', () => {
    const doc = render(DINGTALK_ITEMS, null, 'dingtalk');
    for (const id of ['client-id', 'client-secret', 'agent-id', 'corp-id']) {
      expect(tagOf(doc, `dingtalk-${id}`), id).not.toBeNull();
    }
    expect(tagOf(doc, 'dingtalk-contact-secret')).toBeNull();
    expect(doc).toContain('CorpId（企业 ID）');
  });
});
