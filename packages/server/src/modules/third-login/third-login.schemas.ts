import { Type } from '@sinclair/typebox';
import { LoginResultSchema } from '../auth/auth.schemas';
import { Nullable, TenantId, Timestamp } from '../../lib/schemas';

/** Browser redirects: lenient strings, judged by the service so every failure gets a page. */
const Loose = (description: string) => Type.Optional(Type.String({ maxLength: 4096, description }));

export const ThirdTypeParamsSchema = Type.Object({
  thirdType: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'The provider: `wechat_enterprise` (WeCom); an unknown one answers 404.',
    examples: ['wechat_enterprise'],
  }),
});

export const StartQuerySchema = Type.Object({
  tenantId: Loose(
    "tenant to sign in to (0 = default tenant); may be left out on a tenant's own host",
  ),
  redirect: Loose('same-origin path to open afterwards, e.g. /system/users'),
  qr: Loose('1 = QR / web login from a normal browser instead of in-app OAuth'),
});

export const CallbackQuerySchema = Type.Object({
  code: Loose('one-time code from WeCom (absent when the member cancelled)'),
  authCode: Loose(
    "the provider's one-time code where it calls it so (QR/web or in-app); used when `code` is absent",
  ),
  state: Loose('the state OrgBridge sent'),
});

export const ExchangeBodySchema = Type.Object({
  ticket: Type.String({ minLength: 1, maxLength: 128 }),
});

export const LinkBodySchema = Type.Object({
  linkToken: Type.String({ minLength: 1, maxLength: 128 }),
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

export const ThirdLoginResultSchema = Type.Object({
  ...LoginResultSchema.properties,
  redirect: Type.String({ description: 'same-origin path to open now' }),
});

export const TenantParamsSchema = Type.Object({ tenantId: TenantId() });

export const TenantInfoSchema = Type.Object({
  tenantId: TenantId(),
  name: Nullable(Type.String({ description: 'only when the tenant offers WeCom sign-in' })),
  wecomEnabled: Type.Boolean(),
});

export const MyBindingSchema = Nullable(
  Type.Object({
    id: Type.Integer(),
    thirdType: Type.String(),
    corpId: Type.String(),
    wechatUserId: Type.String(),
    wechatName: Type.String(),
    active: Type.Boolean(),
    boundAt: Timestamp,
  }),
);
