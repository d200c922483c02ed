import type { TFunction } from 'i18next';
import { ApiError } from '../../../../api/client';
import { errorText } from '../../../../components/use-api-error';

/** Sync error codes are translated from this feature's own locale file, then the shared ones. */
export function syncErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.errorCode?.startsWith('sync.')) {
    const text = t(`sync.errors.${error.errorCode}`, { message: error.message, defaultValue: '' });
    if (typeof text === 'string' && text) return text;
  }
  return errorText(t, error);
}

/** A stored code in the current language: this feature's texts, then the shared ones. */
function codeText(t: TFunction, code: string, message: string): string {
  const text =
    t(`sync.errors.${code}`, { message, defaultValue: '' }) ||
    t(`errors.${code}`, { message, defaultValue: '' });
  return typeof text === 'string' ? text : '';
}

/**
 * A run's stored error ({code, message}) in the current language. A scheduled run that did not
 * start also stores why (`reason`, `reasonMessage`), which becomes its message.
 */
export function runErrorText(
  t: TFunction,
  error: { code?: string; message?: string; reason?: string; reasonMessage?: string } | null,
): string {
  if (!error) return '';
  const reason = error.reason
    ? codeText(t, error.reason, '') || (error.reasonMessage ?? '')
    : (error.message ?? '');
  const text = error.code ? codeText(t, error.code, reason) : '';
  return text || (error.message ?? '');
}
