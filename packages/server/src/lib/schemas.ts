import { Type, type TSchema } from '@sinclair/typebox';

/** Database ids are int4; bounding them keeps out-of-range input a 400, not a driver error. */
export const Id = (description?: string) =>
  Type.Integer({ minimum: 0, maximum: 2_147_483_647, ...(description ? { description } : {}) });

export const TenantId = () => Id('tenant id (0 = default tenant)');

export const Username = Type.String({
  minLength: 2,
  maxLength: 100,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]*$',
  description: 'letters, digits and _ . @ - ; starts with a letter or digit',
});

/** Visible text such as names: no control characters, not only white space. */
export const Name = (maxLength = 100) =>
  Type.String({ minLength: 1, maxLength, pattern: '^(?=.*\\S)[^\\x00-\\x1f\\x7f]+$' });

/** Free text (search keywords, positions): no control characters. */
export const Text = (maxLength: number) =>
  Type.String({ maxLength, pattern: '^[^\\x00-\\x1f\\x7f]*$' });

export const Password = Type.String({ minLength: 8, maxLength: 128 });

export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};

export const Keyword = Text(100);

export function Paged<T extends TSchema>(record: T) {
  return Type.Object({ records: Type.Array(record), total: Type.Integer() });
}

export const Empty = Type.Object({});
export const Role = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
/** ISO date-time on the wire; handlers may return Date objects (the serializer formats them). */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/** Nullable value; `null` first so text conversion of query values never lands on it. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([Type.Null(), schema]);
}
