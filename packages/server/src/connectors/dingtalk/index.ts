import {
  createDingTalkClient,
  DEFAULT_API_BASE,
  DEFAULT_LOGIN_BASE,
  DEFAULT_OAPI_BASE,
  type DingTalkError,
} from '@orgbridge/dingtalk';
import type { ProviderConnector, ProviderInstance } from '../kit';
import { createDingTalkCallbacks } from './callbacks';
import { runDingTalkDiagnostics } from './diagnostics';
import { createDingTalkDirectory } from './directory';
import { createDingTalkMessaging, dingtalkMessaging } from './messaging';
import { createDingTalkOAuth } from './oauth';
import {
  dingtalkFormItems,
  dingtalkSettingsSchema,
  generateDingTalkSettings,
  readSettings,
} from './settings';

/** 60020 访问ip不在白名单之中: the server's egress address is not in the app's IP allow-list. */
const UNTRUSTED_IP = 60020;
/** Token endpoints are not subject to the allow-list: their success proves nothing about it. */
const TOKEN_APIS = new Set(['gettoken', 'v1.0/oauth2/accessToken', 'v1.0/oauth2/userAccessToken']);

const ipIn = (text: string): string | null =>
  /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(text)?.[1] ?? null;

/**
 * DingTalk (钉钉) internal app (企业内部应用) connector: contacts v2 reads, work notices,
 * 免登 / QR sign-in and HTTP-push contact events (decision 0008).
 *
 * Rate limiting: DingTalk limits calls per app and interface per second (a rate, by edition),
 * unlike WeCom's in-flight limit, so the server's cluster call slots (`ctx.callSlots`, counted
 * in flight) do not fit; the client's process-wide `sharedGovernor` paces at `settings.qps`.
 */
export const dingtalkConnector: ProviderConnector = {
  id: 'dingtalk',
  thirdType: 'dingtalk',
  appName: 'DINGTALK',
  names: { 'zh-CN': '钉钉', en: 'DingTalk' },
  settingsSchema: dingtalkSettingsSchema,
  formItems: dingtalkFormItems,
  accountKey: (settings) => readSettings(settings).corpId,
  generateSettings: generateDingTalkSettings,
  capabilities: { messaging: dingtalkMessaging, consentedDetail: false, outsideRange: false },
  inAppUserAgent: /DingTalk/,
  create(ctx): ProviderInstance {
    const settings = readSettings(ctx.settings);
    const apiBase = ctx.endpoints.apiBase ?? DEFAULT_API_BASE;
    const oapiBase = ctx.endpoints.oapiBase ?? DEFAULT_OAPI_BASE;
    const loginBase = ctx.endpoints.loginBase ?? DEFAULT_LOGIN_BASE;
    const { events, observeCall } = ctx;
    const client = createDingTalkClient({
      appKey: settings.clientId,
      appSecret: settings.clientSecret,
      apiBase,
      oapiBase,
      tokenStore: ctx.tokens,
      qps: settings.qps,
      ...(ctx.egressProxy ? { proxy: ctx.egressProxy } : {}),
      ...(events
        ? {
            onError: (err: DingTalkError) => {
              if (err.effectiveErrcode === UNTRUSTED_IP)
                events.untrustedAddress({ ip: ipIn(err.errmsg), api: err.api });
            },
          }
        : {}),
      ...(events || observeCall
        ? {
            onRequest: (api: string, ms: number, errcode: number) => {
              observeCall?.({ api, ms, errcode });
              if (errcode === 0 && !TOKEN_APIS.has(api)) events?.callSucceeded(api);
            },
          }
        : {}),
    });
    return {
      test: () => runDingTalkDiagnostics(client, settings.agentId),
      directory: createDingTalkDirectory(client),
      messaging: createDingTalkMessaging(client, settings.agentId),
      oauth: createDingTalkOAuth(client, {
        clientId: settings.clientId,
        corpId: settings.corpId,
        loginBase,
      }),
      callbacks: createDingTalkCallbacks({
        token: settings.callbackToken,
        aesKey: settings.callbackAesKey,
        clientId: settings.clientId,
        corpId: settings.corpId,
      }),
    };
  },
};
