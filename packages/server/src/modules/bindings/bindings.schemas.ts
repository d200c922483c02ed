import { Type, type Static } from '@sinclair/typebox';
import { Id, PageQuery, Paged, Timestamp } from '../../lib/schemas';
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

export const BindingRecordSchema = Type.Object({
  id: Id(),
  userId: Id(),
  username: Type.String(),
  realname: Type.String(),
  wechatUserId: Type.String({ description: 'WeCom userid (成员账号)' }),
  wechatName: Type.String({ description: 'name in WeCom at the last sync' }),
  membershipStatus: Type.Integer({
    description:
      'membership in this tenant: 1 normal, 2 quit (离职), 3 pending (审核中), 4 refused',
  }),
  active: Type.Boolean({
    description: 'false after the member left WeCom or the configuration was removed',
  }),
  boundAt: Timestamp,
});
export type BindingRecord = Static<typeof BindingRecordSchema>;

export const BindingListResultSchema = Paged(BindingRecordSchema);
