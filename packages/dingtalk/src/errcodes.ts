/**
 * DingTalk errcode → classification and human explanation. The texts live in errcodes.zh-CN.ts /
 * errcodes.en.ts; this file decides what the client does. Sources are listed in README.md
 * ("Facts and their sources"); codes marked UNCONFIRMED there come from observed answers only.
 */
import { EN_TEXTS } from './errcodes.en';
import { ZH_TEXTS } from './errcodes.zh-CN';

export type ErrorKind =
  | 'token' // credentials or access_token: wrong AppKey/AppSecret, token expired/invalid
  | 'rate' // QPS / per-minute limits (90002, 90005, 90006, 90018), v1.0 throttling
  | 'permission' // the app lacks the interface permission (权限管理) or the member is out of scope
  | 'network-policy' // server egress IP not in the app's IP allow-list (服务器出口IP)
  | 'input' // the request itself is wrong (bad code, unknown department or member…)
  | 'transient' // DingTalk busy or an unreadable response
  | 'network'; // no response: connection failure or timeout

export type Locale = 'zh-CN' | 'en';
export interface Explanation {
  title: string;
  cause: string;
  fix: string;
}
/** [title, cause, fix]. */
export type ErrcodeTexts = Record<number, readonly [string, string, string]>;

/**
 * Client-local codes for failures that never reached a DingTalk errcode. DingTalk's own codes are
 * ≥ -1, so these cannot collide. `apiError` marks an api.dingtalk.com (v1.0) refusal, which carries
 * an HTTP status and a string `code` instead of an errcode.
 */
export const LOCAL_ERRCODE = {
  network: -1001,
  timeout: -1002,
  badResponse: -1003,
  apiError: -1004,
} as const;

const KINDS: Record<Exclude<ErrorKind, 'input'>, readonly number[]> = {
  token: [40001, 40014, 40089, 41001, 42001],
  rate: [90002, 90005, 90006, 90018],
  permission: [50002, 50004, 60011],
  'network-policy': [60020],
  transient: [-1, LOCAL_ERRCODE.badResponse],
  network: [LOCAL_ERRCODE.network, LOCAL_ERRCODE.timeout],
};

const KIND_BY_CODE = new Map<number, ErrorKind>(
  Object.entries(KINDS).flatMap(([kind, codes]) => codes.map((c) => [c, kind as ErrorKind])),
);

/** Codes a fresh access_token cures: invalidate it and retry once. */
export const TOKEN_REFRESH_CODES: ReadonlySet<number> = new Set([40014, 42001]);

/**
 * errcode 88 (鉴权异常) is an envelope: the real reason is in `sub_code` (e.g. "60011" no
 * permission). A numeric sub_code is classified and explained as if it were the errcode.
 */
export function effectiveErrcode(errcode: number, subCode?: string): number {
  if (errcode === 88 && subCode !== undefined && /^-?\d+$/.test(subCode)) return Number(subCode);
  return errcode;
}

/** What an api.dingtalk.com (v1.0) refusal is, from its HTTP status and string code. */
export function classifyApiError(status: number, code: string): ErrorKind {
  if (status === 429 || /qpslimit|throttl|flowcontrol/i.test(code)) return 'rate';
  if (status === 401 || /^InvalidAuthentication$|ClientIdOrSecret|AppKey|AppSecret/i.test(code))
    return 'token';
  if (/ip.*(white|allow)/i.test(code)) return 'network-policy';
  if (status === 403 || /^Forbidden/i.test(code)) return 'permission';
  if (status >= 500) return 'transient';
  return 'input';
}

/**
 * Kind and whether retrying the same request can succeed. Unknown codes are input errors:
 * retrying an unknown refusal blindly would only burn QPS quota.
 */
export function classifyErrcode(errcode: number): { kind: ErrorKind; retryable: boolean } {
  const kind = KIND_BY_CODE.get(errcode) ?? 'input';
  const retryable =
    kind === 'rate' ||
    kind === 'transient' ||
    kind === 'network' ||
    TOKEN_REFRESH_CODES.has(errcode);
  return { kind, retryable };
}

const TEXTS: Record<Locale, ErrcodeTexts> = { 'zh-CN': ZH_TEXTS, en: EN_TEXTS };

const FALLBACK: Record<Locale, (code: number) => readonly [string, string, string]> = {
  'zh-CN': (code) => [
    `钉钉错误 ${code}`,
    '钉钉拒绝了该请求。',
    `在钉钉开放平台文档「错误码」页面查询 ${code} 的说明，或在开发者后台提交工单。`,
  ],
  en: (code) => [
    `DingTalk error ${code}`,
    'DingTalk refused the request.',
    `Look ${code} up on the error-code page of the DingTalk open platform documentation.`,
  ],
};

/** Title, cause and fix for an errcode (88 is explained by its numeric sub_code when present). */
export function explainErrcode(errcode: number, locale: Locale, subCode?: string): Explanation {
  const code = effectiveErrcode(errcode, subCode);
  const [title, cause, fix] = TEXTS[locale][code] ?? FALLBACK[locale](code);
  return { title, cause, fix };
}

/** Every code with a written explanation (both locales must cover the same set). */
export function explainedErrcodes(): number[] {
  return Object.keys(ZH_TEXTS).map(Number);
}
