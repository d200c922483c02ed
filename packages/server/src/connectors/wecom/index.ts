import { Type } from '@sinclair/typebox';
import { createWeComClient, type WeComError } from '@orgbridge/wecom';
import type { ConnectorDefinition, ConnectorInstance } from '../kit';
import { runWeComDiagnostics } from './diagnostics';
import { createWeComDirectory } from './directory';
import { createWeComMessaging, wecomMessagingCapabilities } from './messaging';
import { createWeComOAuth } from './oauth';

/** WeCom 60020 不安全的访问IP: the caller address is not in the app's 企业可信IP. */
const UNTRUSTED_IP = 60020;

/** WeCom (企业微信) self-built app (自建应用) connector. */
export const wecomConnector: ConnectorDefinition = {
  id: 'wecom',
  thirdType: 'wechat_enterprise',
  appName: 'WECHAT_ENTERPRISE',
  names: { 'zh-CN': '企业微信', en: 'WeCom' },
  capabilities: {
    messaging: wecomMessagingCapabilities,
    consentedDetail: true,
    outsideRange: true,
  },
  settingsSchema: Type.Object({
    agentId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    // CorpIDs are `ww` + 16 hex today, `wx…` for old corps; accept letters and digits only.
    clientId: Type.String({ minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9]+$' }),
    clientSecret: Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_\\-]+$' }),
  }),
  formItems: [
    {
      key: 'agentId',
      type: 'number',
      required: true,
      label: { 'zh-CN': 'AgentId', en: 'AgentId' },
    },
    {
      key: 'clientId',
      type: 'text',
      required: true,
      label: { 'zh-CN': 'AppKey（企业ID / CorpID）', en: 'AppKey (CorpID)' },
    },
    {
      key: 'clientSecret',
      type: 'secret',
      required: true,
      label: { 'zh-CN': 'AppSecret（应用 Secret）', en: 'AppSecret (app Secret)' },
    },
    {
      key: 'contactSecret',
      type: 'secret',
      required: false,
      label: { 'zh-CN': '通讯录同步 Secret（可选）', en: 'Contacts-sync Secret (optional)' },
    },
  ],
  create(ctx): ConnectorInstance {
    const { settings, endpoints, tokens } = ctx;
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
    };
  },
};
