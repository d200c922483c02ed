import { App } from 'antd';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The text to show for a failure: our translation of its errorCode, else the server's words. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const translated = error.errorCode ? t(`errors.${error.errorCode}`, { defaultValue: '' }) : '';
    const text = typeof translated === 'string' && translated ? translated : error.message;
    return error.status >= 500 && error.requestId ? `${text} (${error.requestId})` : text;
  }
  return error instanceof Error ? error.message : String(error);
}

interface FieldIssue {
  field: string;
  message: string;
}

/** Validation failures may name a field (`/username`, `body/username`, `username`). */
function fieldIssues(details: unknown): FieldIssue[] {
  const list = Array.isArray(details)
    ? details
    : Array.isArray((details as { fields?: unknown })?.fields)
      ? (details as { fields: unknown[] }).fields
      : [];
  return list.flatMap((item) => {
    const entry = item as {
      field?: unknown;
      path?: unknown;
      instancePath?: unknown;
      message?: unknown;
    };
    const raw = entry.field ?? entry.path ?? entry.instancePath;
    if (typeof raw !== 'string' || typeof entry.message !== 'string') return [];
    const field = raw.split(/[/.]/).filter(Boolean).pop();
    return field ? [{ field, message: entry.message }] : [];
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
          : fieldIssues(error.details).filter((issue) => names.has(issue.field));
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
