import { api, request } from './client';

export type ThirdType = 'wechat_enterprise';
export type Locale = 'zh-CN' | 'en';

export interface SyncPolicy {
  initialPassword: 'same-as-username' | 'random' | 'wecom-only';
  massChangeThreshold: number;
  /** Scheduled sync: 5-field cron in Beijing time (Asia/Shanghai), or null for none. */
  schedule: string | null;
  unboundLogin: 'refuse' | 'link' | 'create';
  /** Approval cards (同意 / 拒绝) to the WeCom-bound admins when someone becomes pending. */
  approvalCards: boolean;
  /**
   * In-app sign-in scope: `base` = snsapi_base (silent); `privateinfo` = snsapi_privateinfo (the
   * member confirms once; consented mobile/email kept on the binding). Absent = `base`.
   */
  signInScope?: 'base' | 'privateinfo';
}

/** The stored configuration as the server shows it: secrets masked, callback values in clear. */
export interface ThirdAppConfig {
  id: number;
  thirdType: ThirdType;
  agentId: number;
  /** WeCom CorpID, labelled AppKey. */
  clientId: string;
  /** Masked, e.g. "******abcd". */
  clientSecret: string;
  contactSecret: string | null;
  callbackUrl: string;
  callbackToken: string;
  encodingAesKey: string;
  homeUrl: string;
  enabled: boolean;
  syncPolicy: SyncPolicy;
  /** This connection's egress proxy, password shown as ******; null = none (WECOM_PROXY applies). */
  egressProxy: string | null;
  /** The address WeCom named at the last diagnostics. */
  egressIp: string | null;
  egressIpSeenAt: string | null;
  /** The last 60020 (address not in 企业可信IP); cleared by the next call that succeeds. */
  trustedIpAlert: { ip: string | null; api: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewThirdAppConfig {
  agentId: number;
  clientId: string;
  clientSecret: string;
  contactSecret?: string | null;
  enabled?: boolean;
  /** Only the given policy fields change. */
  syncPolicy?: Partial<SyncPolicy>;
  /** `http://[user:pass@]host:port`; null or "" removes it; a ****** password keeps the stored one. */
  egressProxy?: string | null;
}

/** Omitted secrets stay unchanged; `contactSecret: null` removes the contacts-sync secret. */
export type ThirdAppConfigChanges = Partial<NewThirdAppConfig>;

export interface Explanation {
  title: string;
  cause: string;
  fix: string;
}

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface DiagnosticCheck {
  /** token, trusted_ip, departments, members, message, contact_secret */
  id: string;
  status: CheckStatus;
  facts?: Record<string, number | string | boolean>;
  error?: { providerCode: number; providerMessage: string; fromIp?: string };
  explanation?: Record<Locale, Explanation>;
}

export interface Diagnostics {
  ok: boolean;
  checks: DiagnosticCheck[];
  /** The address WeCom sees this server (or its egress proxy) calling from. */
  egressIp?: string | null;
}

const thirdType: ThirdType = 'wechat_enterprise';

export const thirdAppApi = {
  get: () => api.get<ThirdAppConfig | null>('/sys/thirdApp/config', { thirdType }),
  create: (config: NewThirdAppConfig) =>
    api.post<ThirdAppConfig>('/sys/thirdApp/config', { thirdType, ...config }),
  update: (changes: ThirdAppConfigChanges) =>
    request<ThirdAppConfig>('PUT', '/sys/thirdApp/config', { body: { thirdType, ...changes } }),
  /** 取消绑定: bindings stay, flagged inactive. */
  remove: () => api.delete<null>('/sys/thirdApp/config', { query: { thirdType } }),
  test: () => request<Diagnostics>('POST', '/sys/thirdApp/config/test', { query: { thirdType } }),
};
