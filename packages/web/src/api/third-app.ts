import { typedApi, type ApiBody, type ApiResult } from './typed';

export type ThirdType = 'wechat_enterprise';
export type Locale = 'zh-CN' | 'en';

/** The stored configuration as the server shows it: secrets masked, callback values in clear. */
export type ThirdAppConfig = NonNullable<ApiResult<'/sys/thirdApp/config', 'get'>>;

/**
 * How syncs and sign-ins behave: `schedule` is a 5-field cron in Beijing time (or null);
 * `approvalCards` sends 同意 / 拒绝 cards to the WeCom-bound admins when someone becomes pending;
 * `signInScope` `privateinfo` asks the member once for mobile and e-mail (snsapi_privateinfo).
 */
export type SyncPolicy = ThirdAppConfig['syncPolicy'];

/** A new connection (`thirdType` is added by the calls below). */
export type NewThirdAppConfig = Omit<ApiBody<'/sys/thirdApp/config', 'post'>, 'thirdType'>;

/** Omitted secrets stay unchanged; `contactSecret: null` removes the contacts-sync secret. */
export type ThirdAppConfigChanges = Omit<ApiBody<'/sys/thirdApp/config', 'put'>, 'thirdType'>;

/** What 测试连接 found: one check per step, with WeCom's errcode explained when one failed. */
export type Diagnostics = ApiResult<'/sys/thirdApp/config/test', 'post'>;
/** token, trusted_ip, departments, members, message, contact_secret */
export type DiagnosticCheck = Diagnostics['checks'][number];
export type CheckStatus = DiagnosticCheck['status'];
export type Explanation = NonNullable<DiagnosticCheck['explanation']>[Locale];

const thirdType: ThirdType = 'wechat_enterprise';

export const thirdAppApi = {
  get: () => typedApi.get('/sys/thirdApp/config', { query: { thirdType } }),
  create: (config: NewThirdAppConfig) =>
    typedApi.post('/sys/thirdApp/config', { thirdType, ...config }),
  update: (changes: ThirdAppConfigChanges) =>
    typedApi.put('/sys/thirdApp/config', { thirdType, ...changes }),
  /** 取消绑定: bindings stay, flagged inactive. */
  remove: () => typedApi.delete('/sys/thirdApp/config', { query: { thirdType } }),
  test: () => typedApi.post('/sys/thirdApp/config/test', undefined, { query: { thirdType } }),
};
