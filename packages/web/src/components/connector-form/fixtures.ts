import type { ConnectorFormItem } from '../../api/connectors';

/*
 * Form items as the server's connectors declare them (connectors/wecom and connectors/dingtalk,
 * issue 19), for the renderer's tests.
 */
export const WECOM_ITEMS: ConnectorFormItem[] = [
  { key: 'agentId', type: 'number', required: true, label: { 'zh-CN': 'AgentId', en: 'AgentId' } },
  {
    key: 'clientId',
    type: 'text',
    required: true,
    label: { 'zh-CN': 'AppKey（企业ID / CorpID）', en: 'AppKey (CorpID)' },
    help: { 'zh-CN': '我的企业 → 企业信息 → 企业ID', en: 'My company → Company info → CorpID' },
    pattern: '^[A-Za-z0-9]{4,64}$',
  },
  {
    key: 'clientSecret',
    type: 'secret',
    required: true,
    label: { 'zh-CN': 'AppSecret（应用 Secret）', en: 'AppSecret (app Secret)' },
    pattern: '^[A-Za-z0-9_-]{8,128}$',
  },
  {
    key: 'contactSecret',
    type: 'secret',
    required: false,
    label: { 'zh-CN': '通讯录同步 Secret（可选）', en: 'Contacts-sync Secret (optional)' },
    pattern: '^[A-Za-z0-9_-]{8,128}$',
  },
  {
    key: 'callbackToken',
    type: 'generated',
    required: false,
    label: { 'zh-CN': 'Token', en: 'Token' },
  },
  {
    key: 'encodingAesKey',
    type: 'generated',
    required: false,
    label: { 'zh-CN': 'EncodingAESKey', en: 'EncodingAESKey' },
  },
];

export const DINGTALK_ITEMS: ConnectorFormItem[] = [
  {
    key: 'clientId',
    type: 'text',
    required: true,
    label: { 'zh-CN': 'AppKey（Client ID）', en: 'AppKey (Client ID)' },
  },
  {
    key: 'clientSecret',
    type: 'secret',
    required: true,
    label: { 'zh-CN': 'AppSecret（Client Secret）', en: 'AppSecret (Client Secret)' },
  },
  { key: 'agentId', type: 'number', required: true, label: { 'zh-CN': 'AgentId', en: 'AgentId' } },
  {
    key: 'corpId',
    type: 'text',
    required: true,
    label: { 'zh-CN': 'CorpId（企业 ID）', en: 'CorpId' },
    pattern: '^ding[0-9a-z]+$',
  },
  {
    key: 'callbackToken',
    type: 'generated',
    required: false,
    label: { 'zh-CN': '签名 token', en: 'Signing token' },
  },
  {
    key: 'callbackAesKey',
    type: 'generated',
    required: false,
    label: { 'zh-CN': '加密 aes_key', en: 'Encryption aes_key' },
  },
];

/** A stored WeCom configuration as GET /sys/thirdApp/config shows it (secrets masked). */
export const WECOM_STORED = {
  agentId: 1000002,
  clientId: 'ww0e2e0000000000aa',
  clientSecret: '******x9Qe',
  contactSecret: '******c0n7',
  callbackToken: 'Q8bT2mV7xK1pR4sW',
  encodingAesKey: 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f',
};
