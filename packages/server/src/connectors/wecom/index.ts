import { Type, type Static } from '@sinclair/typebox';
import { createWeComClient, type WeComError } from '@orgbridge/wecom';
import { generateCallbackToken, generateEncodingAesKey } from '@orgbridge/wecom/crypto';
import type { ConnectorDefinition, ConnectorInstance } from '../kit';
import { runWeComDiagnostics } from './diagnostics';
import { createWeComCallbacks } from './callbacks';
import { createWeComDirectory } from './directory';
import { createWeComMessaging, wecomMessagingCapabilities } from './messaging';
import { createWeComOAuth } from './oauth';

/** WeCom 60020 不安全的访问IP: the caller address is not in the app's 企业可信IP. */
const UNTRUSTED_IP = 60020;

const secret = (description: string) =>
  Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_\\-]+$', description });

/** The settings of a WeCom connection, as sealed in `settings_enc`. */
const WeComSettingsSchema = Type.Object(
  {
    agentId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'WeCom app AgentId' }),
    // CorpIDs are `ww` + 16 hex today, `wx…` for old corps; accept letters and digits only.
    clientId: Type.String({
      minLength: 4,
      maxLength: 64,
      pattern: '^[A-Za-z0-9]+$',
      description: 'WeCom CorpID (企业ID), labelled AppKey',
    }),
    clientSecret: secret('WeCom app Secret, labelled AppSecret'),
    contactSecret: Type.Union([secret('Contacts-sync (通讯录同步) Secret'), Type.Null()]),
    callbackToken: Type.String({
      pattern: '^[A-Za-z0-9]{1,32}$',
      description: 'Callback Token: up to 32 letters or digits (generated when omitted)',
    }),
    encodingAesKey: Type.String({
      pattern: '^[A-Za-z0-9]{43}$',
      description: 'Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted)',
    }),
  },
  { additionalProperties: false },
);
export type WeComSettings = Static<typeof WeComSettingsSchema>;

/** An endpoint the server must hand over (config.ts builds them from WECOM_*_BASE). */
function endpoint(endpoints: Readonly<Record<string, string>>, key: string): string {
  const url = endpoints[key];
  if (!url) throw new Error(`WeCom connector: endpoint "${key}" missing`);
  return url;
}

/** WeCom (企业微信) self-built app (自建应用) connector. */
export const wecomConnector: ConnectorDefinition = {
  id: 'wecom',
  thirdType: 'wechat_enterprise',
  appName: 'WECHAT_ENTERPRISE',
  names: { 'zh-CN': '企业微信', en: 'WeCom' },
  settingsSchema: WeComSettingsSchema,
  formItems: [
    {
      key: 'agentId',
      type: 'number',
      required: true,
      label: { 'zh-CN': 'AgentId', en: 'AgentId' },
      help: {
        'zh-CN': '企业微信管理后台 → 应用管理 → 自建应用 → AgentId',
        en: 'WeCom admin console → Apps → your self-built app → AgentId',
      },
      placeholder: '1000002',
      pattern: '^[0-9]{1,10}$',
    },
    {
      key: 'clientId',
      type: 'text',
      required: true,
      label: { 'zh-CN': 'AppKey（企业ID / CorpID）', en: 'AppKey (CorpID)' },
      help: {
        'zh-CN': '企业微信管理后台 → 我的企业 → 企业信息 → 企业ID',
        en: 'WeCom admin console → My Company → Company Information → Company ID',
      },
      placeholder: 'ww1234567890abcdef',
      pattern: '^[A-Za-z0-9]{4,64}$',
    },
    {
      key: 'clientSecret',
      type: 'secret',
      required: true,
      label: { 'zh-CN': 'AppSecret（应用 Secret）', en: 'AppSecret (app Secret)' },
      pattern: '^[A-Za-z0-9_\\-]{8,128}$',
    },
    {
      key: 'contactSecret',
      type: 'secret',
      required: false,
      label: { 'zh-CN': '通讯录同步 Secret（可选）', en: 'Contacts-sync Secret (optional)' },
      help: {
        'zh-CN': '管理工具 → 通讯录同步 → Secret；用于区分可见范围外的成员与离职成员',
        en: 'Management Tools → Contacts Sync → Secret; tells members outside the app range from leavers',
      },
      pattern: '^[A-Za-z0-9_\\-]{8,128}$',
    },
    {
      key: 'callbackToken',
      type: 'generated',
      required: false,
      label: { 'zh-CN': '回调 Token', en: 'Callback Token' },
      help: {
        'zh-CN': '由系统生成，复制到企业微信“接收事件服务器”的 Token',
        en: 'Generated; copy it into WeCom’s “Receive events” Token',
      },
      pattern: '^[A-Za-z0-9]{1,32}$',
    },
    {
      key: 'encodingAesKey',
      type: 'generated',
      required: false,
      label: { 'zh-CN': '回调 EncodingAESKey', en: 'Callback EncodingAESKey' },
      help: {
        'zh-CN': '由系统生成，复制到企业微信“接收事件服务器”的 EncodingAESKey',
        en: 'Generated; copy it into WeCom’s “Receive events” EncodingAESKey',
      },
      pattern: '^[A-Za-z0-9]{43}$',
    },
  ],
  accountKey: (settings) => String(settings.clientId),
  generateSettings: () => ({
    callbackToken: generateCallbackToken(),
    encodingAesKey: generateEncodingAesKey(),
  }),
  capabilities: {
    messaging: wecomMessagingCapabilities,
    consentedDetail: true,
    outsideRange: true,
  },
  create(ctx): ConnectorInstance {
    const settings = ctx.settings as WeComSettings;
    const { tokens } = ctx;
    const endpoints = {
      apiBase: endpoint(ctx.endpoints, 'apiBase'),
      oauthBase: endpoint(ctx.endpoints, 'oauthBase'),
      loginBase: endpoint(ctx.endpoints, 'loginBase'),
    };
    // Both secrets of a corp share its slots: WeCom counts calls per corp and API.
    const concurrency = ctx.maxInFlight ?? 5;
    const governor = ctx.callSlots?.(`${endpoints.apiBase}\n${settings.clientId}`);
    const { events, observeCall } = ctx;
    const limits = {
      concurrency,
      ...(governor ? { governor } : {}),
      ...(ctx.egressProxy ? { proxy: ctx.egressProxy } : {}),
      ...(events
        ? {
            onError: (err: WeComError) => {
              if (err.errcode === UNTRUSTED_IP)
                events.untrustedAddress({ ip: err.fromIp ?? null, api: err.api });
            },
          }
        : {}),
      ...(events || observeCall
        ? {
            onRequest: (api: string, ms: number, errcode: number) => {
              observeCall?.({ api, ms, errcode });
              // gettoken is not subject to 企业可信IP: its success proves nothing about the address.
              if (errcode === 0 && api !== 'gettoken') events?.callSucceeded(api);
            },
          }
        : {}),
    };
    const app = createWeComClient({
      corpId: settings.clientId,
      secret: settings.clientSecret,
      apiBase: endpoints.apiBase,
      tokenStore: tokens,
      ...limits,
    });
    // The contacts-sync secret has its own token; diagnostics check it when it is configured, and
    // a directory read lists the whole corp with it to tell hidden members from leavers.
    const contacts = settings.contactSecret
      ? createWeComClient({
          corpId: settings.clientId,
          secret: settings.contactSecret,
          apiBase: endpoints.apiBase,
          tokenStore: tokens,
          ...limits,
        })
      : null;
    return {
      test: () => runWeComDiagnostics({ app, agentId: settings.agentId, contacts }),
      directory: createWeComDirectory(app, concurrency, contacts),
      messaging: createWeComMessaging(app, settings.agentId),
      oauth: createWeComOAuth(app, {
        corpId: settings.clientId,
        agentId: settings.agentId,
        oauthBase: endpoints.oauthBase,
        loginBase: endpoints.loginBase,
      }),
      ...(settings.callbackToken && settings.encodingAesKey
        ? {
            callbacks: createWeComCallbacks({
              token: settings.callbackToken,
              encodingAesKey: settings.encodingAesKey,
              receiveId: settings.clientId,
            }),
          }
        : {}),
    };
  },
};
