import { typedApi, type ApiBody, type ApiQuery, type ApiResult } from './typed';

/** The API's spelling of a provider; the console has one integration page per value. */
export type ThirdType = 'wechat_enterprise' | 'dingtalk';
export type Locale = 'zh-CN' | 'en';

/**
 * The thirdType values schema.gen.ts knows. Until the server's routes take `dingtalk` (issue 19,
 * regenerated at merge) the calls below pass the page's thirdType through this one cast, and the
 * server answers an unknown one with its own 400, which the page shows.
 */
type SchemaThirdType = NonNullable<ApiQuery<'/sys/thirdApp/config', 'get'>['thirdType']>;
export const schemaThirdType = (thirdType: ThirdType) => thirdType as SchemaThirdType;

type GeneratedConfig = NonNullable<ApiResult<'/sys/thirdApp/config', 'get'>>;

/**
 * The stored configuration as the server shows it: the fields every connector has, plus the
 * connector's settings at the top level (named by its form items; secrets masked, generated
 * values in clear). The WeCom-typed settings of schema.gen.ts are read through `settingOf`.
 */
export type ThirdAppConfig = GeneratedConfig & Readonly<Record<string, unknown>>;

/** A settings field of the stored configuration (`undefined` when the view lacks it). */
export function settingOf(config: ThirdAppConfig, key: string): unknown {
  return (config as Readonly<Record<string, unknown>>)[key];
}

/**
 * How syncs and sign-ins behave: `schedule` is a 5-field cron in Beijing time (or null);
 * `approvalCards` sends 同意 / 拒绝 cards to the WeCom-bound admins when someone becomes pending;
 * `signInScope` `privateinfo` asks the member once for mobile and e-mail (snsapi_privateinfo).
 */
export type SyncPolicy = ThirdAppConfig['syncPolicy'];

type Common = 'enabled' | 'syncPolicy' | 'egressProxy';

/**
 * A new connection: the common fields, and the connector's settings (named by its form items),
 * which the call puts at the top level of the body as the JeecgBoot-shaped API takes them.
 */
export type NewThirdAppConfig = Partial<Pick<ApiBody<'/sys/thirdApp/config', 'post'>, Common>> & {
  settings: Record<string, string | number>;
};

/** Omitted settings stay unchanged (secrets too); `null` removes an optional one. */
export type ThirdAppConfigChanges = Partial<
  Pick<ApiBody<'/sys/thirdApp/config', 'put'>, Common>
> & {
  settings?: Record<string, string | number | null>;
};

/** What 测试连接 found: one check per step, with the provider's errcode explained when one failed. */
export type Diagnostics = ApiResult<'/sys/thirdApp/config/test', 'post'>;
/** token, trusted_ip, departments, members, message, contact_secret */
export type DiagnosticCheck = Diagnostics['checks'][number];
export type CheckStatus = DiagnosticCheck['status'];
export type Explanation = NonNullable<DiagnosticCheck['explanation']>[Locale];

type Body<M extends 'post' | 'put'> = ApiBody<'/sys/thirdApp/config', M>;

/** The config calls of one provider (JeecgBoot's /sys/thirdApp/config?thirdType=…). */
export function thirdAppApi(type: ThirdType) {
  const thirdType = schemaThirdType(type);
  return {
    get: () => typedApi.get('/sys/thirdApp/config', { query: { thirdType } }),
    // The body's settings fields are the connector's (form items), not the WeCom ones the
    // generated type names.
    create: ({ settings, ...common }: NewThirdAppConfig) =>
      typedApi.post('/sys/thirdApp/config', {
        thirdType,
        ...settings,
        ...common,
      } as unknown as Body<'post'>),
    update: ({ settings, ...common }: ThirdAppConfigChanges) =>
      typedApi.put('/sys/thirdApp/config', {
        thirdType,
        ...settings,
        ...common,
      } as unknown as Body<'put'>),
    /** 取消绑定: bindings stay, flagged inactive. */
    remove: () => typedApi.delete('/sys/thirdApp/config', { query: { thirdType } }),
    test: () => typedApi.post('/sys/thirdApp/config/test', undefined, { query: { thirdType } }),
  };
}
