import { Type, type Static } from '@sinclair/typebox';
import { TenantId } from '../../lib/schemas';

export const CallbackParamsSchema = Type.Object({
  thirdType: Type.String({
    minLength: 1,
    maxLength: 64,
    description: 'The provider: `wechat_enterprise` (WeCom); an unknown one answers 404.',
    examples: ['wechat_enterprise'],
  }),
  tenantId: TenantId(),
});

/**
 * WeCom's signed query, optional here: each provider signs differently (DingTalk `signature`,
 * Feishu headers), and its connector refuses a request without what it needs (400
 * callback.malformed). Other parameters reach the connector as they are.
 */
const Signed = {
  msg_signature: Type.Optional(
    Type.String({ minLength: 1, maxLength: 128, description: 'WeCom: SHA-1 hex' }),
  ),
  timestamp: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  nonce: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
};

export const VerifyQuerySchema = Type.Object({
  ...Signed,
  echostr: Type.Optional(
    Type.String({ minLength: 1, maxLength: 4096, description: 'WeCom: encrypted echo' }),
  ),
});
export type VerifyQuery = Static<typeof VerifyQuerySchema>;

export const EventQuerySchema = Type.Object(Signed);
export type EventQuery = Static<typeof EventQuerySchema>;

export const PlainTextSchema = Type.String({ description: 'text/plain' });
