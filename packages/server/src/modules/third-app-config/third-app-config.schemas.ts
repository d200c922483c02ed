import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { ConnectorDefinition, ProviderFormItem } from '../../connectors/kit';
import { CONNECTORS } from '../../connectors/registry';
import { THIRD_TYPES } from '../../db/schema';

export const ThirdTypeSchema = Type.Union(
  THIRD_TYPES.map((t) => Type.Literal(t)),
  {
    description:
      'Third-party platform: `wechat_enterprise` = WeCom (企业微信), `dingtalk` = DingTalk (钉钉); GET /sys/thirdApp/connectors lists the ones this server supports',
  },
);

export const ThirdTypeQuerySchema = Type.Object(
  { thirdType: Type.Optional(ThirdTypeSchema) },
  { additionalProperties: false },
);

export const SyncPolicySchema = Type.Object({
  initialPassword: Type.Union(
    [Type.Literal('same-as-username'), Type.Literal('random'), Type.Literal('wecom-only')],
    {
      description:
        "Password of accounts created by sync. `wecom-only` (default for new connections): no password until the member sets one after a WeCom sign-in. `same-as-username` (the seed's rule, forced change at first sign-in) risks that anyone who knows the house number and a WeCom userid claims the account first. `random`: shown once to the admin",
    },
  ),
  massChangeThreshold: Type.Number({
    minimum: 0,
    maximum: 1,
    description: 'Share of bound members a sync may mark as left before it asks for confirmation',
  }),
  schedule: Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
    description:
      'Scheduled sync: a 5-field cron expression in Beijing time (Asia/Shanghai), e.g. "0 2 * * *" = every day at 02:00; runs at least 15 minutes apart; null = off',
  }),
  unboundLogin: Type.Union([Type.Literal('refuse'), Type.Literal('link'), Type.Literal('create')]),
  approvalCards: Type.Boolean({
    description:
      'Send the WeCom-bound admins an interactive card (同意 / 拒绝) when someone asks to join or becomes pending (审核中); default true',
  }),
  signInScope: Type.Union([Type.Literal('base'), Type.Literal('privateinfo')], {
    description:
      'In-app sign-in scope: `base` (default) = snsapi_base, silent, userid only; `privateinfo` = snsapi_privateinfo, the member confirms once and the mobile/email they consent to are kept on their binding (needs the sensitive fields enabled in the WeCom app). QR/web login is always snsapi_base',
  }),
});

/** A settings field's own schema in its connector's settingsSchema (for its description). */
function settingSchema(c: ConnectorDefinition, key: string): TSchema | undefined {
  return (c.settingsSchema as { properties?: Record<string, TSchema> }).properties?.[key];
}

const describedAs = (schema: TSchema | undefined, fallback: string) =>
  (schema?.description as string | undefined) ?? fallback;

/**
 * A settings field as the request body takes it: its type only (text, number, or null for an
 * optional one). The connector's settingsSchema checks the rest in the service (400 naming the
 * field), so that a secret read back masked (`******` + last 4) can be sent back unchanged.
 */
function bodyField(key: string): TSchema {
  const owners = CONNECTORS.filter((c) => c.formItems.some((f) => f.key === key));
  const items = owners.map((c) => c.formItems.find((f) => f.key === key)!);
  const numeric = items.some((f) => f.type === 'number');
  const textual = items.some((f) => f.type !== 'number');
  const nullable = items.some((f) => !f.required && f.type !== 'generated');
  const text = Type.String({ maxLength: 2048 });
  const kinds: TSchema[] = [
    ...(numeric ? [Type.Integer()] : []),
    ...(textual ? [text] : []),
    ...(nullable ? [Type.Null()] : []),
  ];
  const description = owners
    .map((c, i) => `${c.thirdType}: ${describedAs(settingSchema(c, key), items[i]!.label.en)}`)
    .join('; ');
  return kinds.length === 1 ? { ...kinds[0]!, description } : Type.Union(kinds, { description });
}

/** Every settings key of every registered connector, in form order. */
const SETTINGS_KEYS = [...new Set(CONNECTORS.flatMap((c) => c.formItems.map((f) => f.key)))];

const CommonBodyFields = {
  thirdType: ThirdTypeSchema,
  enabled: Type.Optional(Type.Boolean()),
  syncPolicy: Type.Optional(Type.Partial(SyncPolicySchema)),
  egressProxy: Type.Optional(
    Type.Union(
      [
        Type.String({
          maxLength: 2048,
          description:
            'Egress proxy `http://[user:pass@]host:port` (http or https scheme, host and port, no path) every provider server-API call of this connection goes through; wins over WECOM_PROXY. Stored sealed; read back with the password as `******` (sending that back keeps the stored password). null or "" removes it',
        }),
        Type.Null(),
      ],
      { examples: ['http://10.0.0.5:3128'] },
    ),
  ),
};

const SettingsBodyFields = Object.fromEntries(
  SETTINGS_KEYS.map((key) => [key, Type.Optional(bodyField(key))]),
);

/**
 * `thirdType`, the connector's settings at top level (WeCom: agentId, clientId, clientSecret,
 * contactSecret, callbackToken, encodingAesKey; DingTalk: clientId, clientSecret, agentId, corpId)
 * and the common fields. The connector's settingsSchema decides what is required and valid.
 */
export const CreateConfigBodySchema = Type.Object(
  { ...CommonBodyFields, ...SettingsBodyFields },
  { additionalProperties: false },
);
export type CreateConfigBody = Static<typeof CreateConfigBodySchema> & Record<string, unknown>;

/** Same fields; omitted ones stay unchanged, and so do secrets sent back masked. */
export const UpdateConfigBodySchema = Type.Object(
  { ...CommonBodyFields, ...SettingsBodyFields },
  { additionalProperties: false },
);
export type UpdateConfigBody = Static<typeof UpdateConfigBodySchema> & Record<string, unknown>;

/** A settings field as the view shows it: secrets masked, the rest as stored. */
function viewField(c: ConnectorDefinition, item: ProviderFormItem): TSchema {
  const own = settingSchema(c, item.key);
  const base =
    item.type === 'secret'
      ? Type.String({ description: 'Masked: "******" + last 4' })
      : item.type === 'number'
        ? Type.Integer({ description: describedAs(own, item.label.en) })
        : Type.String({ description: describedAs(own, item.label.en) });
  return item.required || item.type === 'generated' ? base : Type.Union([base, Type.Null()]);
}

const CommonViewFields = {
  id: Type.Integer(),
  callbackUrl: Type.String(),
  homeUrl: Type.String({
    description: 'App home page to paste into the provider: <PUBLIC_URL>/tenantId/<id>',
  }),
  enabled: Type.Boolean(),
  syncPolicy: SyncPolicySchema,
  egressProxy: Type.Union([Type.String(), Type.Null()], {
    description:
      'This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies)',
  }),
  egressIp: Type.Union([Type.String(), Type.Null()], {
    description: 'The caller address the provider named at the last diagnostics (`from ip:`)',
  }),
  egressIpSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  trustedIpAlert: Type.Union(
    [
      Type.Object({
        ip: Type.Union([Type.String(), Type.Null()], {
          description: 'The address to add to the app’s 企业可信IP (null if WeCom named none)',
        }),
        api: Type.String({ description: 'The provider API that was refused' }),
        at: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ],
    {
      description:
        'Set when WeCom refused a call with 60020 (address not trusted); cleared by the next call that succeeds',
    },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

/** One connector's view: its settings at top level beside the common fields. */
const connectorView = (c: ConnectorDefinition) =>
  Type.Object({
    id: CommonViewFields.id,
    thirdType: Type.Literal(c.thirdType),
    ...Object.fromEntries(c.formItems.map((f) => [f.key, viewField(c, f)])),
    ...Object.fromEntries(Object.entries(CommonViewFields).filter(([k]) => k !== 'id')),
  });

/**
 * The sanitised config: the connector's settings at top level (secrets masked; generated callback
 * values shown for pasting into the provider), then the common fields. One shape per connector.
 */
export const ConfigViewSchema =
  CONNECTORS.length === 1
    ? connectorView(CONNECTORS[0]!)
    : Type.Union(CONNECTORS.map(connectorView));
export type ConfigView = Static<typeof ConfigViewSchema>;

const Localized = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

/** GET /sys/thirdApp/connectors: what the console renders a connector's config form from. */
export const ConnectorInfoSchema = Type.Object({
  thirdType: Type.String({ description: 'The API spelling (`wechat_enterprise`, `dingtalk`…)' }),
  appName: Type.String({ description: '`app` of sendMessageTest (`WECHAT_ENTERPRISE`…)' }),
  names: Localized,
  formItems: Type.Array(
    Type.Object({
      key: Type.String({ description: 'The settings key, also the API body field' }),
      label: Localized,
      type: Type.Union(
        [
          Type.Literal('text'),
          Type.Literal('number'),
          Type.Literal('secret'),
          Type.Literal('generated'),
        ],
        {
          description:
            '`secret`: read back masked, sending the mask back keeps it; `generated`: made by the server when omitted, shown for copying into the provider',
        },
      ),
      required: Type.Boolean(),
      help: Type.Optional(Localized),
      placeholder: Type.Optional(Type.String()),
      pattern: Type.Optional(Type.String({ description: 'A JavaScript regular expression' })),
    }),
  ),
  capabilities: Type.Object({
    messaging: Type.Object({
      types: Type.Array(
        Type.Union([
          Type.Literal('text'),
          Type.Literal('markdown'),
          Type.Literal('card'),
          Type.Literal('news'),
          Type.Literal('interactive'),
        ]),
      ),
      maxBytes: Type.Object({
        text: Type.Optional(Type.Integer()),
        markdown: Type.Optional(Type.Integer()),
        title: Type.Optional(Type.Integer()),
        description: Type.Optional(Type.Integer()),
        url: Type.Optional(Type.Integer()),
      }),
      maxArticles: Type.Integer(),
      maxUsersPerCall: Type.Integer(),
      maxDepartmentsPerCall: Type.Integer(),
      toAll: Type.Boolean(),
      perMemberLimit: Type.Union([
        Type.Object({
          perSecond: Type.Optional(Type.Number()),
          perDay: Type.Optional(Type.Integer()),
          sameContentPerDay: Type.Optional(Type.Integer()),
        }),
        Type.Null(),
      ]),
      recall: Type.Boolean(),
      outcome: Type.Union([Type.Literal('sync'), Type.Literal('async')]),
    }),
    consentedDetail: Type.Boolean(),
    outsideRange: Type.Boolean(),
  }),
});
export type ConnectorInfo = Static<typeof ConnectorInfoSchema>;

const Explanation = Type.Object({ title: Type.String(), cause: Type.String(), fix: Type.String() });

export const DiagnosticsSchema = Type.Object({
  ok: Type.Boolean(),
  checks: Type.Array(
    Type.Object({
      id: Type.String(),
      status: Type.Union([
        Type.Literal('ok'),
        Type.Literal('warn'),
        Type.Literal('fail'),
        Type.Literal('skipped'),
      ]),
      facts: Type.Optional(
        Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean()])),
      ),
      error: Type.Optional(
        Type.Object({
          providerCode: Type.Integer(),
          providerMessage: Type.String(),
          fromIp: Type.Optional(Type.String()),
        }),
      ),
      explanation: Type.Optional(Type.Object({ 'zh-CN': Explanation, en: Explanation })),
    }),
  ),
  egressIp: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description:
        'The address WeCom sees this connection calling from (named in its errors as `from ip:`)',
    }),
  ),
});
