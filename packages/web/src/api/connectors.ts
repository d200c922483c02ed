import { request } from './client';
import type { Locale, ThirdType } from './third-app';

/*
 * GET /sys/thirdApp/connectors, typed by hand in this one place: the route is built in parallel
 * (helper "settings", issue 19) and is not in schema.gen.ts yet. At merge, after
 * `npm run api:types`, replace these types with
 * `ApiResult<'/sys/thirdApp/connectors', 'get'>[number]` and the call with `typedApi.get`.
 * The shapes mirror ProviderFormItem / ConnectorCapabilities in
 * packages/server/src/connectors/kit.ts ("The whole contract").
 */

/** One field of a connector's config form (ProviderFormItem). */
export interface ConnectorFormItem {
  /** The settings key, also the field of the config API's body and view. */
  key: string;
  label: Record<Locale, string>;
  /**
   * `secret`: comes back masked, an untouched field keeps the stored value; `generated`: made by
   * the server on first save, shown read-only for copying into the provider's console.
   */
  type: 'text' | 'number' | 'secret' | 'generated';
  required: boolean;
  help?: Record<Locale, string>;
  placeholder?: string;
  /** A JavaScript regular expression the value must match. */
  pattern?: string;
}

export interface ConnectorCapabilities {
  messaging: {
    types: readonly string[];
    maxBytes: Readonly<Record<string, number>>;
    maxArticles: number;
    maxUsersPerCall: number;
    maxDepartmentsPerCall: number;
    toAll: boolean;
    perMemberLimit: { perSecond?: number; perDay?: number; sameContentPerDay?: number } | null;
    recall: boolean;
    outcome: 'sync' | 'async';
  };
  consentedDetail: boolean;
  outsideRange: boolean;
}

/** A connector the server has registered, as the console's integration pages read it. */
export interface ConnectorInfo {
  thirdType: ThirdType;
  /** `app` of sendMessageTest (`WECHAT_ENTERPRISE`, `DINGTALK`). */
  appName: string;
  names: Record<Locale, string>;
  formItems: ConnectorFormItem[];
  capabilities: ConnectorCapabilities;
}

export const connectorsApi = {
  list: () => request<ConnectorInfo[]>('GET', '/sys/thirdApp/connectors'),
};
