import { Type, type Static } from '@sinclair/typebox';
import { API_KEY_PERMISSIONS } from '../../db/schema/api-keys';
import { Id, Nullable, PageQuery, Paged, Timestamp } from '../../lib/schemas';
import { RuleText } from '../../plugins/validation';

const PERMISSION_TEXT: Record<(typeof API_KEY_PERMISSIONS)[number], string> = {
  'messages:send': 'send messages (sendMessageTest and the composer route)',
  'messages:read': 'read the message log and each message’s outcome',
  'directory:read': 'read departments, users and WeCom bindings',
  'sync:run': 'start a full directory sync run (as the scheduled job does) and read its status',
};

export const PermissionSchema = Type.Union(
  API_KEY_PERMISSIONS.map((p) => Type.Literal(p)),
  { description: API_KEY_PERMISSIONS.map((p) => `\`${p}\`: ${PERMISSION_TEXT[p]}`).join('; ') },
);

export const CreateApiKeyBodySchema = Type.Object({
  name: Type.String({
    minLength: 1,
    maxLength: 64,
    pattern: '^(?=.*\\S)[^\\x00-\\x1f\\x7f]+$',
    description: 'What the key is for, 1–64 characters (trimmed)',
    [RuleText]: 'must be 1 to 64 visible characters (no control characters, not only spaces)',
  }),
  permissions: Type.Array(PermissionSchema, {
    minItems: 1,
    maxItems: API_KEY_PERMISSIONS.length,
    uniqueItems: true,
    [RuleText]: `must list one or more distinct permissions of ${API_KEY_PERMISSIONS.join(', ')}`,
  }),
  expiresAt: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'ISO 8601 date-time, in the future and at most about three years ahead; omitted = until revoked',
      examples: ['2030-01-31T00:00:00Z'],
    }),
  ),
});
export type CreateApiKeyBody = Static<typeof CreateApiKeyBodySchema>;

const KeyFields = {
  id: Id(),
  name: Type.String(),
  prefix: Type.String({ description: 'The public start of the key (obk_xxxxxxxx)' }),
  permissions: Type.Array(PermissionSchema),
  createdAt: Timestamp,
  expiresAt: Nullable(Timestamp),
};

export const CreatedApiKeySchema = Type.Object({
  ...KeyFields,
  key: Type.String({
    description:
      'The key, shown this once: send it as X-Access-Token. Only its sha256 is stored; it cannot be shown again.',
  }),
});

export const ApiKeySchema = Type.Object({
  ...KeyFields,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  createdBy: Nullable(Type.Object({ id: Id(), username: Type.String(), realname: Type.String() })),
});

export const ApiKeyListQuerySchema = Type.Object({ ...PageQuery });
export const ApiKeyListSchema = Paged(ApiKeySchema);

export const ApiKeyIdParamsSchema = Type.Object({ id: Id('API key id') });
