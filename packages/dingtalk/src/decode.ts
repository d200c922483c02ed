/**
 * Lenient field readers. DingTalk sends ids as numbers in some answers and strings in others
 * (`next_cursor`, `task_id`), omits keys a permission does not cover (`mobile` without
 * 成员手机号 permission), and adds fields over time. A missing identifier is an error rather than a
 * silently dropped record, because a sync must not mistake "unreadable" for "gone".
 */
import { asArray, optString, requiredReaders } from '@orgbridge/provider-kit';
import { DingTalkError, LOCAL_ERRCODE } from './errors';

export { asArray, asObject, compact, optString } from '@orgbridge/provider-kit';
export type { Raw } from '@orgbridge/provider-kit';

export function optInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

export function optBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1) return true;
  if (v === 'false' || v === 0) return false;
  return undefined;
}

export const intArray = (v: unknown): number[] =>
  (typeof v === 'string' ? v.split(',') : asArray(v))
    .map(optInt)
    .filter((n): n is number => n !== undefined);

export const stringArray = (v: unknown): string[] =>
  (typeof v === 'string' ? v.split(',') : asArray(v))
    .map(optString)
    .filter((s): s is string => s !== undefined && s !== '');

export function missing(api: string, what: string): DingTalkError {
  return new DingTalkError({
    errcode: LOCAL_ERRCODE.badResponse,
    errmsg: `response has no ${what}`,
    api,
    retryable: false,
  });
}

export const { reqString, reqInt } = requiredReaders(missing, optInt);
