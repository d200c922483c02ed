import { Type, type TSchema } from '@sinclair/typebox';

/** Success envelope of every `/sys` response (PRODUCT.md §4); `code` equals the HTTP status. */
export function Envelope<T extends TSchema>(result: T) {
  return Type.Object({
    success: Type.Boolean(),
    message: Type.String(),
    code: Type.Integer(),
    result,
    timestamp: Type.Integer({ description: 'epoch ms' }),
  });
}

export const ErrorEnvelopeSchema = Type.Object(
  {
    success: Type.Literal(false),
    message: Type.String({ description: 'what failed, why, and what to do' }),
    code: Type.Integer({ description: 'the HTTP status' }),
    result: Type.Null(),
    timestamp: Type.Integer(),
    errorCode: Type.String({ description: 'stable area.snake_case code, also the i18n key' }),
    requestId: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { title: 'ErrorEnvelope' },
);

export function okEnvelope<T>(result: T, code = 200, message = '') {
  return { success: true, message, code, result, timestamp: Date.now() };
}

export interface ErrorBody {
  status: number;
  errorCode: string;
  message: string;
  details?: Record<string, unknown>;
}

export function errorEnvelope(err: ErrorBody, requestId: string) {
  return {
    success: false as const,
    message: err.message,
    code: err.status,
    result: null,
    timestamp: Date.now(),
    errorCode: err.errorCode,
    requestId,
    ...(err.details ? { details: err.details } : {}),
  };
}
