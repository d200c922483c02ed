/**
 * WeCom errcode → classification and human explanation (doc /90313 全局错误码; reference §2).
 * The texts live in errcodes.zh-CN.ts / errcodes.en.ts; this file decides what the client does.
 */
import { EN_TEXTS } from './errcodes.en';
import { ZH_TEXTS } from './errcodes.zh-CN';

export type ErrorKind =
  | 'token' // credentials or access_token: wrong CorpID/Secret, token expired/invalid
  | 'rate' // frequency (45009) or concurrency (45033) limits
  | 'permission' // visible range (可见范围), secret kind, app disabled, other app's agent
  | 'network-policy' // 企业可信IP (60020)
  | 'input' // the request itself is wrong (bad code, bad ids, empty recipients…)
  | 'transient' // WeCom busy or an unreadable response
  | 'network'; // no response: connection failure or timeout

export type Locale = 'zh-CN' | 'en';
export interface Explanation {
  title: string;
  cause: string;
  fix: string;
}
/** [title, cause, fix]; `{ip}` in a text is replaced by the caller IP WeCom reported. */
export type ErrcodeTexts = Record<number, readonly [string, string, string]>;

const KINDS: Record<Exclude<ErrorKind, 'input'>, readonly number[]> = {
  token: [40001, 40013, 40014, 41001, 41002, 41004, 42001],
  rate: [45009, 45033],
  permission: [48001, 48002, 48009, 50001, 50002, 50003, 60011, 60021, 60111, 81013, 301002],
  'network-policy': [60020],
  transient: [-1, 6000, -1003],
  network: [-1001, -1002],
};

const KIND_BY_CODE = new Map<number, ErrorKind>(
  Object.entries(KINDS).flatMap(([kind, codes]) => codes.map((c) => [c, kind as ErrorKind])),
);

/** Token codes that a fresh access_token cures (reference §1: invalidate and retry once). */
export const TOKEN_REFRESH_CODES: ReadonlySet<number> = new Set([40014, 42001, 41001]);

/**
 * Kind and whether retrying the same request can succeed. Unknown codes are treated as input
 * errors: retrying an unknown refusal blindly would only burn frequency quota.
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
    `企业微信错误 ${code}`,
    '企业微信拒绝了该请求。',
    `在 https://open.work.weixin.qq.com/devtool/query?e=${code} 查询该错误码的说明。`,
  ],
  en: (code) => [
    `WeCom error ${code}`,
    'WeCom refused the request.',
    `Look the code up at https://open.work.weixin.qq.com/devtool/query?e=${code}.`,
  ],
};

const UNKNOWN_IP: Record<Locale, string> = {
  'zh-CN': '本服务器的出口IP',
  en: "this server's outbound IP",
};

/** `…, from ip: 1.2.3.4, more info at …` → `1.2.3.4` (IPv4 or IPv6). */
export function parseFromIp(errmsg: string): string | undefined {
  return /from ip:\s*([0-9a-fA-F.:]*[0-9a-fA-F])/.exec(errmsg)?.[1];
}

/** Title, cause and fix for an errcode; `errmsg` supplies the caller IP for 60020. */
export function explainErrcode(errcode: number, locale: Locale, errmsg?: string): Explanation {
  const [title, cause, fix] = TEXTS[locale][errcode] ?? FALLBACK[locale](errcode);
  const ip = errmsg ? parseFromIp(errmsg) : undefined;
  const fill = (s: string) => s.replaceAll('{ip}', ip ?? UNKNOWN_IP[locale]);
  return { title: fill(title), cause: fill(cause), fix: fill(fix) };
}

/** Every code with a written explanation (both locales must cover the same set). */
export function explainedErrcodes(): number[] {
  return Object.keys(ZH_TEXTS).map(Number);
}
