import { Type, type Static } from '@sinclair/typebox';
import { TenantId } from '../../lib/schemas';

export const CallbackParamsSchema = Type.Object({ tenantId: TenantId() });

const Signed = {
  msg_signature: Type.String({ minLength: 1, maxLength: 128, description: 'SHA-1 hex' }),
  timestamp: Type.String({ minLength: 1, maxLength: 32 }),
  nonce: Type.String({ minLength: 1, maxLength: 128 }),
};

export const VerifyQuerySchema = Type.Object({
  ...Signed,
  echostr: Type.String({ minLength: 1, maxLength: 4096, description: 'encrypted echo' }),
});
export type VerifyQuery = Static<typeof VerifyQuerySchema>;

export const EventQuerySchema = Type.Object(Signed);
export type EventQuery = Static<typeof EventQuerySchema>;

export const PlainTextSchema = Type.String({ description: 'text/plain' });
