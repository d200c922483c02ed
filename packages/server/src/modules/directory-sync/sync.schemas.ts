import { Type, type Static } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, Paged } from '../../lib/schemas';
import { ThirdTypeSchema } from '../third-app-config/third-app-config.schemas';

const Str = Type.String();
const Int = Type.Integer();
const WeComUserId = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[^\\x00-\\x1f\\x7f]+$',
  description: 'WeCom userid (case-insensitive)',
});
const Counts = Type.Record(Type.String(), Type.Number());

export const PreviewBodySchema = Type.Object(
  { thirdType: ThirdTypeSchema },
  { additionalProperties: false },
);
export const RunNowBodySchema = PreviewBodySchema;

export const ApplyBodySchema = Type.Object(
  {
    planId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-f-]+$' }),
    pairs: Type.Array(
      // Other fields are ignored, so the preview's rows can be sent back as they are.
      Type.Object({ wechatUserId: WeComUserId, userId: Nullable(Id()) }),
      {
        maxItems: 100_000,
        default: [],
        description:
          "The admin's choices: userId null = no account (create one). A row equal to the preview's (bound rows included) changes nothing, so a client may echo the preview's pairs to confirm the proposal as it is.",
      },
    ),
    exclude: Type.Array(WeComUserId, {
      maxItems: 100_000,
      default: [],
      description:
        'WeCom members to leave out (排除): stored, so no later run (manual, scheduled, API or callback) creates, pairs or binds them until included again; the preview lists them (`excluded`, `members.exclusions`)',
    }),
    include: Type.Optional(
      Type.Array(WeComUserId, {
        maxItems: 100_000,
        description:
          'Members left out earlier whose exclusion this apply lifts: created, or paired with the account given for them in `pairs` (picking an account for one lifts it too). 400 sync.include_invalid for a member that is not left out in this plan',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBodySchema>;

const PairSchema = Type.Object({
  wechatUserId: Str,
  wechatName: Str,
  wechatDepartmentIds: Type.Array(Str),
  wechatStatus: Str,
  wechatPosition: Nullable(Type.String({ description: "the member's position (职务) in WeCom" })),
  wechatMobile: Nullable(
    Type.String({
      description:
        'masked (138****5678), null when WeCom does not disclose it; never the full number',
    }),
  ),
  userId: Nullable(Int),
  username: Nullable(Str),
  realname: Nullable(Str),
  match: Type.Union(
    ['bound', 'requested', 'username', 'mobile', 'email', 'name', 'none'].map((m) =>
      Type.Literal(m),
    ),
    { description: '`requested`: a link request for this member waits for the account owner' },
  ),
  ambiguous: Type.Boolean(),
  candidates: Type.Optional(
    Type.Array(Int, { description: 'members of this tenant only (never accounts outside it)' }),
  ),
  outsider: Type.Optional(
    Type.Boolean({
      description:
        'An account outside this tenant matches: it is not named (userId, username, realname null); applying asks its owner, and no membership exists before the owner accepts',
    }),
  ),
  awaitingOwner: Type.Optional(
    Type.Boolean({
      description:
        "The account is not this tenant's own (shared, pending/refused/quit/invited member, or outside the tenant), or a link request is open: nothing is bound until its owner accepts",
    }),
  ),
  ownerRefused: Type.Optional(
    Type.Boolean({
      description:
        'The account owner refused the last link request: syncs do not ask again until an admin pairs the member by hand',
    }),
  ),
  excluded: Type.Optional(
    Type.Boolean({
      description:
        'Left out by an admin (排除): no proposal, never created, paired or bound by a run until included again (apply `include`, or an account picked for it)',
    }),
  ),
  unpaired: Type.Optional(
    Type.Boolean({
      description:
        'Unbound by an admin (移出, 已移出): no proposal, never bound or created by a sync; pairing it by hand in the apply decisions binds it again',
    }),
  ),
});

export const PlanSchema = Type.Object({
  planId: Str,
  partial: Type.Boolean(),
  problems: Type.Array(Type.Object({ providerCode: Int, api: Str, explanation: Type.Unknown() })),
  departments: Type.Object({
    create: Type.Array(Type.Object({ extId: Str, name: Str, parentExtId: Nullable(Str) })),
    rename: Type.Array(Type.Object({ id: Int, extId: Str, from: Str, to: Str })),
    move: Type.Array(
      Type.Object({
        id: Int,
        extId: Str,
        fromParentId: Nullable(Int),
        toParentExtId: Nullable(Str),
      }),
    ),
    reorder: Type.Array(Type.Object({ id: Int, extId: Str, order: Int })),
    remove: Type.Array(Type.Object({ id: Int, extId: Str, name: Str })),
  }),
  members: Type.Object({
    pairs: Type.Array(PairSchema),
    unmatchedLocal: Type.Array(
      Type.Object({ userId: Int, username: Str, realname: Str, ambiguous: Type.Boolean() }),
    ),
    toCreate: Type.Array(Str),
    toPending: Type.Array(Str, {
      description: 'always empty: a sync creates no pending memberships (see toLinkRequest)',
    }),
    toLinkRequest: Type.Array(Str, {
      description: "WeCom members whose pairing asks the account's owner (link requests)",
    }),
    toUpdate: Type.Array(Type.Object({ wechatUserId: Str, userId: Int, fields: Type.Array(Str) })),
    leavers: Type.Array(Type.Object({ wechatUserId: Str, userId: Int, reason: Str })),
    exclusions: Type.Array(Type.Object({ wechatUserId: Str, wechatName: Str }), {
      description:
        'every member left out (排除) for this corp, also those no longer in WeCom; undo with apply `include`',
    }),
    departmentPaths: Type.Record(Str, Str, {
      description:
        'WeCom department id → its path from the root ("总部 / 研发部"), for wechatDepartmentIds',
    }),
  }),
  lookups: Type.Optional(
    Type.Object(
      {
        made: Int,
        hits: Int,
        misses: Int,
        cached: Int,
        skipped: Int,
        failed: Int,
        budget: Int,
        budgetLeft: Int,
      },
      {
        description:
          'lookups by mobile / e-mail (WeCom user/getuserid, user/get_userid_by_email) for own members still unmatched, when WeCom hides both; skipped = not made because the day’s error budget (half of WeCom’s 20 % of seats) is spent',
      },
    ),
  ),
  counts: Type.Record(Type.String(), Type.Number(), {
    description:
      'create, bind, update, leave, linkRequests (owners asked), linkRequestsCancelled, pending (always 0), ownerRefused, unpaired, …',
  }),
});

export const RunStartedSchema = Type.Object({ runId: Int, status: Type.Optional(Str) });

export const RunSchema = Type.Object({
  id: Int,
  planId: Nullable(Str),
  thirdType: Str,
  trigger: Str,
  actorUserId: Nullable(Int),
  status: Type.Union(
    ['planned', 'running', 'succeeded', 'failed', 'needs_confirmation', 'cancelled'].map((s) =>
      Type.Literal(s),
    ),
  ),
  progress: Type.Object({ phase: Str, done: Int, total: Int }),
  counts: Counts,
  error: Nullable(Type.Record(Type.String(), Type.Unknown())),
  hasPasswords: Type.Boolean(),
  createdAt: Str,
  startedAt: Nullable(Str),
  finishedAt: Nullable(Str),
});

export const RunIdParamsSchema = Type.Object({ id: Id('sync run id') });
export const RunsQuerySchema = Type.Object(PageQuery, { additionalProperties: false });
export const ItemsQuerySchema = Type.Object(
  {
    ...PageQuery,
    outcome: Type.Optional(
      Type.Union([Type.Literal('ok'), Type.Literal('failed'), Type.Literal('skipped')]),
    ),
  },
  { additionalProperties: false },
);

export const RunsPageSchema = Paged(RunSchema);
export const ItemsPageSchema = Paged(
  Type.Object({
    id: Int,
    kind: Str,
    action: Str,
    extId: Str,
    label: Str,
    userId: Nullable(Int),
    outcome: Str,
    reason: Str,
    providerCode: Nullable(Int),
    message: Nullable(Str),
  }),
);
export const PasswordsSchema = Type.Object({
  records: Type.Array(Type.Object({ username: Str, password: Str })),
});
