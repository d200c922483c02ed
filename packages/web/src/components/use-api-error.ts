import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The text to show for a failure: our translation of its errorCode, else the server's words. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    // Translations may quote the error's details, e.g. {{field}} or {{minutes}}.
    const details = (error.details ?? {}) as Record<string, unknown>;
    const seconds = Number(details.retryAfterSeconds);
    // A refusal may give `minutes` itself (e.g. tenant.join_throttled) or only the seconds.
    const minutes =
      details.minutes ?? (Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : '');
    const vars = { ...details, minutes };
    const translated = error.errorCode
      ? t(`errors.${error.errorCode}`, { ...vars, defaultValue: '' })
      : '';
    const text = typeof translated === 'string' && translated ? translated : error.message;
    return error.status >= 500 && error.requestId ? `${text} (${error.requestId})` : text;
  }
  return error instanceof Error ? error.message : String(error);
}

interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Validation failures name the field in `details.field` (`username`, `body.username`); some
 * answers list several as `details.fields` or an array of `{ field | path | instancePath }`.
 */
function fieldIssues(details: unknown, message: string): FieldIssue[] {
  const single = details as { field?: unknown } | null;
  const list: unknown[] = Array.isArray(details)
    ? details
    : Array.isArray((details as { fields?: unknown })?.fields)
      ? (details as { fields: unknown[] }).fields
      : typeof single?.field === 'string'
        ? [{ field: single.field, message }]
        : [];
  return list.flatMap((item) => {
    const entry = item as {
      field?: unknown;
      path?: unknown;
      instancePath?: unknown;
      message?: unknown;
    };
    const raw = entry.field ?? entry.path ?? entry.instancePath;
    const text = typeof entry.message === 'string' ? entry.message : message;
    if (typeof raw !== 'string') return [];
    const field = raw.split(/[/.]/).filter(Boolean).pop();
    return field ? [{ field, message: text }] : [];
  });
}

export function useApiError() {
  const { message } = App.useApp();
  const { t } = useTranslation();

  /** Shows the failure as a toast. */
  const report = useCallback(
    (error: unknown) => {
      void message.error(errorText(t, error));
    },
    [message, t],
  );

  /**
   * Puts the failure next to the form field it concerns when we can tell which one
   * (`fieldsByCode` maps an errorCode to a field name); otherwise shows a toast.
   */
  const reportOnForm = useCallback(
    (form: FormInstance, error: unknown, fieldsByCode: Record<string, string> = {}) => {
      if (error instanceof ApiError) {
        const names = new Set(Object.keys(form.getFieldsValue() as object));
        const mapped = error.errorCode ? fieldsByCode[error.errorCode] : undefined;
        const issues = mapped
          ? [{ field: mapped, message: errorText(t, error) }]
          : fieldIssues(error.details, errorText(t, error)).filter((issue) =>
              names.has(issue.field),
            );
        if (issues.length > 0) {
          form.setFields(issues.map((i) => ({ name: i.field, errors: [i.message] })));
          return;
        }
      }
      report(error);
    },
    [report, t],
  );

  return { report, reportOnForm };
}
