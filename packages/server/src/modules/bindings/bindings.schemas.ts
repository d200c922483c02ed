import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, Paged, Timestamp } from '../../lib/schemas';
import { ThirdTypeSchema } from '../third-app-config/third-app-config.schemas';

export const BindingListQuerySchema = Type.Object(
  {
    thirdType: Type.Optional(ThirdTypeSchema),
    keyword: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'matches username, real name, WeCom userid or WeCom name (literally)',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type BindingListQuery = Static<typeof BindingListQuerySchema>;

export const BindingIdParamsSchema = Type.Object({ id: Id('binding id') });
export const LinkRequestIdParamsSchema = Type.Object({ id: Id('link request id') });

export const BindingRecordSchema = Type.Object({
  id: Nullable(Id('binding id; null for a link request waiting for the owner')),
  userId: Nullable(Id('null when the account is outside this tenant')),
  username: Nullable(Type.String()),
  realname: Nullable(
    Type.String({ description: "the name this tenant shows (a shared account's display name)" }),
  ),
  wechatUserId: Type.String({ description: 'WeCom userid (成员账号)' }),
  wechatName: Type.String({ description: 'name in WeCom at the last sync' }),
  membershipStatus: Nullable(
    Type.Integer({
      description:
        'membership in this tenant: 1 normal, 2 quit (离职), 3 pending (审核中), 4 refused; null = none (outside the tenant)',
    }),
  ),
  active: Type.Boolean({
    description: 'false after the member left WeCom or the configuration was removed',
  }),
  boundAt: Timestamp,
  state: Type.Union([Type.Literal('bound'), Type.Literal('awaiting_owner')], {
    description:
      "`awaiting_owner`: a link request the account's owner has not accepted yet (nothing is bound)",
  }),
  linkRequestId: Nullable(Id('the link request (state awaiting_owner)')),
  outsider: Type.Boolean({
    description:
      'the account is outside this tenant: it is not named (userId, username, realname null)',
  }),
});
export type BindingRecord = Static<typeof BindingRecordSchema>;

export const BindingListResultSchema = Paged(BindingRecordSchema);
