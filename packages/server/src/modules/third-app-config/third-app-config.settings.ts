import { Value } from '@sinclair/typebox/value';
import type { ConnectorDefinition, ProviderSettings } from '../../connectors/kit';
import { badRequest } from '../../lib/errors';
import { maskSecret, type SecretBox } from '../../lib/secrets';
import type { ConfigRow } from './third-app-config.repo';

/** Body fields every connection has; every other top-level field is a connector setting. */
export const COMMON_FIELDS = ['thirdType', 'enabled', 'syncPolicy', 'egressProxy'] as const;

type Settings = Record<string, string | number | boolean | null>;

export function sealSettings(box: SecretBox, settings: ProviderSettings): string {
  return box.seal(JSON.stringify(settings));
}

/**
 * A row stored before migration 0018 and not sealed yet (third-app-config.legacy.ts): its WeCom
 * settings, from the legacy columns.
 */
export function legacySettings(box: SecretBox, row: ConfigRow): ProviderSettings {
  const open = (sealed: string | null) => (sealed ? box.open(sealed) : null);
  return {
    agentId: row.legacyAgentId,
    clientId: row.legacyClientId,
    clientSecret: open(row.legacyClientSecretEnc),
    contactSecret: open(row.legacyContactSecretEnc),
    callbackToken: open(row.legacyCallbackTokenEnc),
    encodingAesKey: open(row.legacyEncodingAesKeyEnc),
  };
}

/** The decrypted settings of a stored connection. */
export function openSettings(box: SecretBox, row: ConfigRow): ProviderSettings {
  if (row.settingsEnc === null) return legacySettings(box, row);
  return JSON.parse(box.open(row.settingsEnc)) as ProviderSettings;
}

/** The settings part of a request body: every field but the common ones. */
export function settingsPart(body: Record<string, unknown>): Settings {
  const common = new Set<string>(COMMON_FIELDS);
  return Object.fromEntries(
    Object.entries(body).filter(([k, v]) => !common.has(k) && v !== undefined),
  ) as Settings;
}

/** Checks `settings` against the connector's schema: 400 `request.invalid` naming the field. */
export function validateSettings(connector: ConnectorDefinition, settings: Settings): void {
  const first = Value.Errors(connector.settingsSchema, settings).First();
  if (!first) return;
  const field = first.path.replace(/^\//, '').replace(/\//g, '.');
  const known = new Set(connector.formItems.map((f) => f.key));
  const rule = !known.has(field)
    ? `is not a ${connector.names.en} setting (${[...known].join(', ')})`
    : settings[field] === undefined || settings[field] === null
      ? 'is required'
      : first.message.replace(/^Expected/, 'expected');
  throw badRequest(
    'request.invalid',
    `Invalid request body: field "${field}" ${rule}. Correct it and try again.`,
    { location: 'body', field, rule: 'settings' },
  );
}

/**
 * The settings of a new connection: the body's, with generated values (WeCom's callback Token and
 * EncodingAESKey, DingTalk's callback Token and aes_key) where the body has none and null for the optional fields it leaves out.
 */
export function newSettings(connector: ConnectorDefinition, input: Settings): Settings {
  const generated = connector.generateSettings?.() ?? {};
  const settings: Settings = {};
  for (const item of connector.formItems) {
    // A generated value is made whether or not the field is required (DingTalk's are).
    if (generated[item.key] !== undefined) settings[item.key] = generated[item.key]!;
    else if (!item.required) settings[item.key] = null;
  }
  for (const [k, v] of Object.entries(input)) {
    // An empty generated value asks for one, as an omitted one does.
    if (v === '' && generated[k] !== undefined) continue;
    settings[k] = v;
  }
  validateSettings(connector, settings);
  return settings;
}

/**
 * The settings after an edit: omitted fields keep their value, and so does a secret sent back as
 * the mask it was read as (`******` + last 4) or empty, so a form can send back what it read.
 */
export function editedSettings(
  connector: ConnectorDefinition,
  stored: ProviderSettings,
  input: Settings,
): Settings {
  const keep = new Set(
    connector.formItems
      .filter((f) => f.type === 'secret' || f.type === 'generated')
      .map((f) => f.key),
  );
  const settings: Settings = { ...stored };
  for (const [k, v] of Object.entries(input)) {
    const before = stored[k];
    if (keep.has(k) && v === '') continue;
    if (keep.has(k) && typeof before === 'string' && v === maskSecret(before)) continue;
    settings[k] = v;
  }
  validateSettings(connector, settings);
  return settings;
}

/** The settings as the API shows them: secrets masked, everything else as stored. */
export function settingsView(
  connector: ConnectorDefinition,
  settings: ProviderSettings,
): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const item of connector.formItems) {
    const value = settings[item.key] ?? null;
    out[item.key] = item.type === 'secret' && typeof value === 'string' ? maskSecret(value) : value;
  }
  return out;
}

/** Names of the settings that differ (for the audit log: never a value). */
export function changedKeys(before: ProviderSettings, after: ProviderSettings): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}

/**
 * A stored secret only ever goes with the account it was given for (as the egress proxy's
 * password does): when an account identifier (a text setting: WeCom clientId, DingTalk clientId
 * or corpId) changes, each stored secret must be entered anew, not kept by its mask, "" or
 * leaving it out. 400 `request.invalid` naming the first such secret.
 */
export function assertSecretsEntered(
  connector: ConnectorDefinition,
  stored: ProviderSettings,
  input: Settings,
  settings: Settings,
): void {
  const moved = connector.formItems.filter(
    (f) => f.type === 'text' && (stored[f.key] ?? null) !== (settings[f.key] ?? null),
  );
  if (moved.length === 0) return;
  for (const item of connector.formItems) {
    const before = stored[item.key];
    if (item.type !== 'secret' || typeof before !== 'string' || before === '') continue;
    if (settings[item.key] !== before || input[item.key] === before) continue;
    const ids = moved.map((f) => f.key).join(', ');
    throw badRequest(
      'request.invalid',
      `Invalid request body: field "${item.key}" must be entered again: ${ids} changed, and the stored secret is kept for the same account only. Enter the secret of the new account and try again.`,
      { location: 'body', field: item.key, rule: 'settings' },
    );
  }
}
