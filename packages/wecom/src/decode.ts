/**
 * Lenient field readers. WeCom omits keys (2022 restrictions, legacy apps), adds legacy keys
 * (`isleader`, `enable`, `hide_mobile`), and sends some numbers as strings (`gender`). These readers
 * accept what is there and return strict JS types; a missing required identifier is an error
 * rather than a silently dropped record, because a sync must not mistake "unreadable" for "gone".
 */
import { asArray, optString, requiredReaders } from '@orgbridge/provider-kit';
import { LOCAL_ERRCODE, WeComError } from './errors';

export { asArray, asObject, compact, optString } from '@orgbridge/provider-kit';
export type { Raw } from '@orgbridge/provider-kit';

export function optInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

export function intArray(v: unknown): number[] {
  // Callback XML and some legacy answers use "1,2,3"; JSON answers use [1,2,3].
  const items = typeof v === 'string' ? v.split(',') : asArray(v);
  return items.map(optInt).filter((n): n is number => n !== undefined);
}

export function stringArray(v: unknown): string[] {
  const items = typeof v === 'string' ? v.split(/[|,]/) : asArray(v);
  return items.map(optString).filter((s): s is string => s !== undefined && s !== '');
}

/** `"a|b|c"` (message/send invalid lists) → `['a','b','c']`; empty or absent → `[]`. */
export function pipeList(v: unknown): string[] {
  const s = optString(v);
  return s ? s.split('|').filter((x) => x !== '') : [];
}

export function missing(api: string, what: string): WeComError {
  return new WeComError({
    errcode: LOCAL_ERRCODE.badResponse,
    errmsg: `response has no ${what}`,
    api,
    retryable: false,
  });
}

export const { reqString, reqInt } = requiredReaders(missing, optInt);
