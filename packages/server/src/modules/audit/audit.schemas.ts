import { Type, type Static } from '@sinclair/typebox';
import { Id, Keyword, Nullable, PageQuery, Paged, Timestamp } from '../../lib/schemas';
import { AUDIT_ACTIONS } from './actions';

/** Rows one export may hold at most; the answer says when it stopped there. */
export const EXPORT_MAX_ROWS = 100_000;

const filters = {
  action: Type.Optional(
    Type.String({
      maxLength: 64,
      description: `one action of the catalogue (GET /sys/audit/actions): ${AUDIT_ACTIONS.join(', ')}`,
    }),
  ),
  actorId: Type.Optional(Id('the user who acted')),
  actorApiKeyId: Type.Optional(Id('the API key that acted')),
  actor: Type.Optional(
    Type.String({
      ...Keyword,
      description:
        "matches the acting user's username or real name, or the API key's name or prefix (literally, ignoring case)",
    }),
  ),
  from: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'entries at or after this instant (ISO 8601 date or date-time)',
    }),
  ),
  to: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'entries before this instant (ISO 8601 date-time; a bare date means the end of that day, UTC)',
    }),
  ),
  tenantId: Type.Optional(
    Id('platform administrators only: one tenant (others read their current tenant)'),
  ),
};

export const AuditListQuerySchema = Type.Object(
  { ...filters, ...PageQuery },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuerySchema>;

export const AuditExportQuerySchema = Type.Object(filters, { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuerySchema>;

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  time: Timestamp,
  tenant: Nullable(
    Type.Object(
      { id: Type.Integer(), name: Nullable(Type.String()) },
      { description: 'null for platform-level events' },
    ),
  ),
  actor: Nullable(
    Type.Object(
      {
        type: Type.Union(
          [Type.Literal('user'), Type.Literal('api_key'), Type.Literal('outsider')],
          {
            description: 'outsider: an account outside this tenant, not named (PRODUCT.md §7)',
          },
        ),
        id: Nullable(Type.Integer({ description: 'user or API key id; null for an outsider' })),
        username: Type.Optional(Nullable(Type.String())),
        realname: Type.Optional(Nullable(Type.String())),
        name: Type.Optional(Nullable(Type.String({ description: "the API key's name" }))),
        prefix: Type.Optional(
          Nullable(Type.String({ description: "the API key's public prefix" })),
        ),
      },
      { description: 'null when OrgBridge acted by itself (e.g. a scheduled sync)' },
    ),
  ),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
  ip: Nullable(Type.String()),
});
export type AuditEntryView = Static<typeof AuditEntrySchema>;

export const AuditPageSchema = Paged(AuditEntrySchema);
export const AuditActionsSchema = Type.Array(Type.String());
