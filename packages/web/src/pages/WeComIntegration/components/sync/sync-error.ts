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

/** A run's stored error ({code, message}) in the current language. */
export function runErrorText(
  t: TFunction,
  error: { code?: string; message?: string } | null,
): string {
  if (!error) return '';
  const text = error.code
    ? t(`sync.errors.${error.code}`, { message: error.message ?? '', defaultValue: '' })
    : '';
  return typeof text === 'string' && text ? text : (error.message ?? '');
}
