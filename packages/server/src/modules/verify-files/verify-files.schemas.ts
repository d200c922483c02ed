import { Type } from '@sinclair/typebox';

export const VerifyFileBodySchema = Type.Object({
  fileName: Type.String({
    maxLength: 200,
    description: 'the name WeCom gave the file, e.g. WW_verify_AbC123.txt',
    examples: ['WW_verify_AbC123dEf456gHi7.txt'],
  }),
  content: Type.String({
    maxLength: 4096,
    description: 'the file text exactly as downloaded (at most 1 KB of printable text)',
  }),
});

export const VerifyFileSchema = Type.Object({
  fileName: Type.String(),
  content: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  urls: Type.Array(Type.String(), {
    description: "where it is served: the tenant's own host (when set) and PUBLIC_URL's host",
  }),
});

export const VerifyFileListSchema = Type.Object({ records: Type.Array(VerifyFileSchema) });

export const VerifyFileParamsSchema = Type.Object({
  fileName: Type.String({ maxLength: 200 }),
});
