import type { TFunction } from 'i18next';
import type { ConnectorFormItem } from '../../api/connectors';
import type { Locale } from '../../api/third-app';

/*
 * The config form of a connector, as plain functions of its form items (GET
 * /sys/thirdApp/connectors): what each field starts with, what it accepts, and what a save sends.
 * The component (connector-fields.tsx) only lays these out.
 */

/** The settings part of the form's values, keyed by form item. */
export type SettingsValues = Record<string, unknown> & {
  /** Optional secrets the admin chose to remove (checkbox per key). */
  removeStored?: Record<string, boolean | undefined>;
};

/** What the stored configuration says about each item (the GET view, settings at top level). */
export type StoredSettings = Readonly<Record<string, unknown>> | null;

export function localized(text: Record<Locale, string> | undefined, language: string): string {
  if (!text) return '';
  return language.startsWith('en') ? text.en : text['zh-CN'];
}

/** `clientSecret` → `client-secret`: the test id of an item is `<prefix>-<kebab key>`. */
export function fieldTestId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/** Items the admin types (generated ones are shown, never entered). */
export const entered = (items: readonly ConnectorFormItem[]) =>
  items.filter((item) => item.type !== 'generated');

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function storedText(stored: StoredSettings, key: string): string | null {
  const value = stored?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The masked stored secret (`******abcd`), or null when none is stored. */
export const storedSecret = storedText;
/** A generated value in clear, or null before the first save. */
export const storedGenerated = storedText;

interface Check {
  /** Editing a stored configuration: an empty secret keeps the stored one. */
  editing: boolean;
  /** The admin ticked "remove the stored value" for this (optional) secret. */
  removing?: boolean;
}

/**
 * Why `value` cannot be saved for `item`, in the current language; null when it can. Labels are
 * the connector's own (`label`), so each message names the field.
 */
export function problemOf(
  item: ConnectorFormItem,
  raw: unknown,
  check: Check,
  t: TFunction,
  language: string,
): string | null {
  if (item.type === 'generated' || check.removing) return null;
  const label = localized(item.label, language);
  const keepsStored = item.type === 'secret' && check.editing;
  if (blank(raw)) {
    return item.required && !keepsStored ? t('connectorForm.rules.required', { label }) : null;
  }
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (item.type === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) {
    return t('connectorForm.rules.number', { label });
  }
  if (item.pattern && !new RegExp(item.pattern).test(String(value))) {
    return t('connectorForm.rules.pattern', { label });
  }
  return null;
}

/** What the form starts with: stored text and numbers; secrets empty (shown as a placeholder). */
export function initialSettings(
  items: readonly ConnectorFormItem[],
  stored: StoredSettings,
): SettingsValues {
  const values: SettingsValues = {};
  for (const item of entered(items)) {
    if (item.type === 'secret') continue;
    const value = stored?.[item.key];
    if (typeof value === 'string' || typeof value === 'number') values[item.key] = value;
  }
  return values;
}

function clean(item: ConnectorFormItem, value: unknown): string | number | undefined {
  if (blank(value)) return undefined;
  if (item.type === 'number') return typeof value === 'number' ? value : Number(value);
  return typeof value === 'string' && item.type === 'text' ? value.trim() : String(value);
}

/** The settings of a first save: every entered value (the server generates the rest). */
export function newSettings(
  items: readonly ConnectorFormItem[],
  values: SettingsValues,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const item of entered(items)) {
    const value = clean(item, values[item.key]);
    if (value !== undefined) out[item.key] = value;
  }
  return out;
}

/**
 * The settings that changed. A secret left empty is not sent, so the server keeps the stored one
 * (its masked value is never sent back as if it were the secret); a removed optional secret is
 * sent as null.
 */
export function settingsChanges(
  items: readonly ConnectorFormItem[],
  values: SettingsValues,
  stored: StoredSettings,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const item of entered(items)) {
    if (item.type === 'secret' && values.removeStored?.[item.key]) {
      out[item.key] = null;
      continue;
    }
    const value = clean(item, values[item.key]);
    if (item.type === 'secret') {
      if (value !== undefined) out[item.key] = value;
    } else if (value !== undefined && value !== stored?.[item.key]) {
      out[item.key] = value;
    }
  }
  return out;
}
