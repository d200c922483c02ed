import { Type, type Static } from '@sinclair/typebox';
import { THIRD_TYPES } from '../../db/schema';

export const ThirdTypeSchema = Type.Union(
  THIRD_TYPES.map((t) => Type.Literal(t)),
  { description: 'Third-party platform; `wechat_enterprise` = WeCom (企业微信)' },
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

const secret = (description: string) =>
  Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_\\-]+$', description });

const Fields = {
  thirdType: ThirdTypeSchema,
  agentId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'WeCom app AgentId' }),
  clientId: Type.String({
    minLength: 4,
    maxLength: 64,
    pattern: '^[A-Za-z0-9]+$',
    description: 'WeCom CorpID (企业ID), labelled AppKey',
  }),
  clientSecret: secret('WeCom app Secret, labelled AppSecret'),
  contactSecret: Type.Union([secret('Contacts-sync (通讯录同步) Secret'), Type.Null()]),
  callbackToken: Type.String({
    pattern: '^[A-Za-z0-9]{1,32}$',
    description: 'Callback Token: up to 32 letters or digits (generated when omitted)',
  }),
  encodingAesKey: Type.String({
    pattern: '^[A-Za-z0-9]{43}$',
    description: 'Callback EncodingAESKey: exactly 43 letters or digits (generated when omitted)',
  }),
  enabled: Type.Boolean(),
  syncPolicy: Type.Partial(SyncPolicySchema),
  egressProxy: Type.Union(
    [
      Type.String({
        maxLength: 2048,
        description:
          'Egress proxy `http://[user:pass@]host:port` (http or https scheme, host and port, no path) every WeCom server-API call of this connection goes through; wins over WECOM_PROXY. Stored sealed; read back with the password as `******` (sending that back keeps the stored password). null or "" removes it',
      }),
      Type.Null(),
    ],
    { examples: ['http://10.0.0.5:3128'] },
  ),
};

export const CreateConfigBodySchema = Type.Object(
  {
    thirdType: Fields.thirdType,
    agentId: Fields.agentId,
    clientId: Fields.clientId,
    clientSecret: Fields.clientSecret,
    contactSecret: Type.Optional(Fields.contactSecret),
    callbackToken: Type.Optional(Fields.callbackToken),
    encodingAesKey: Type.Optional(Fields.encodingAesKey),
    enabled: Type.Optional(Fields.enabled),
    syncPolicy: Type.Optional(Fields.syncPolicy),
    egressProxy: Type.Optional(Fields.egressProxy),
  },
  { additionalProperties: false },
);
export type CreateConfigBody = Static<typeof CreateConfigBodySchema>;

/** Same fields; secrets omitted = unchanged. */
export const UpdateConfigBodySchema = Type.Object(
  {
    thirdType: Fields.thirdType,
    agentId: Type.Optional(Fields.agentId),
    clientId: Type.Optional(Fields.clientId),
    clientSecret: Type.Optional(Fields.clientSecret),
    contactSecret: Type.Optional(Fields.contactSecret),
    callbackToken: Type.Optional(Fields.callbackToken),
    encodingAesKey: Type.Optional(Fields.encodingAesKey),
    enabled: Type.Optional(Fields.enabled),
    syncPolicy: Type.Optional(Fields.syncPolicy),
    egressProxy: Type.Optional(Fields.egressProxy),
  },
  { additionalProperties: false },
);
export type UpdateConfigBody = Static<typeof UpdateConfigBodySchema>;

/** The sanitised config: secrets masked, callback values shown for pasting into WeCom. */
export const ConfigViewSchema = Type.Object({
  id: Type.Integer(),
  thirdType: ThirdTypeSchema,
  agentId: Type.Integer(),
  clientId: Type.String(),
  clientSecret: Type.String({ description: 'Masked: "******" + last 4' }),
  contactSecret: Type.Union([Type.String(), Type.Null()]),
  callbackUrl: Type.String(),
  callbackToken: Type.String(),
  encodingAesKey: Type.String(),
  homeUrl: Type.String({
    description: 'App home page to paste into WeCom: <PUBLIC_URL>/tenantId/<id>',
  }),
  enabled: Type.Boolean(),
  syncPolicy: SyncPolicySchema,
  egressProxy: Type.Union([Type.String(), Type.Null()], {
    description:
      'This connection’s egress proxy, password shown as `******`; null = none (WECOM_PROXY, if set, applies)',
  }),
  egressIp: Type.Union([Type.String(), Type.Null()], {
    description: 'The caller address WeCom named at the last diagnostics (`from ip:`)',
  }),
  egressIpSeenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  trustedIpAlert: Type.Union(
    [
      Type.Object({
        ip: Type.Union([Type.String(), Type.Null()], {
          description: 'The address to add to the app’s 企业可信IP (null if WeCom named none)',
        }),
        api: Type.String({ description: 'The WeCom API that was refused' }),
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
});
export type ConfigView = Static<typeof ConfigViewSchema>;

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
