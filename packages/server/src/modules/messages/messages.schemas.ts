import { Type, type Static } from '@sinclair/typebox';
import { MESSAGE_SOURCES, MESSAGE_STATUSES, RECIPIENT_OUTCOMES } from '../../db/schema';
import { Id, Nullable, PageQuery, Paged, Timestamp } from '../../lib/schemas';
import { RuleText } from '../../plugins/validation';
import { ThirdTypeSchema } from '../third-app-config/third-app-config.schemas';

// ---- POST /sys/thirdApp/sendMessageTest (PRODUCT.md §5.4, the seed's push API) ----

/** The text forms of a boolean: `true`/`false` in any case, blanks around them ignored. */
const TRUE_OR_FALSE = '^\\s*(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$';

/** Media types of the push API: Postman's raw-JSON and x-www-form-urlencoded tabs. */
export const SEND_MESSAGE_TEST_MEDIA_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
];

export const SendMessageTestBodySchema = Type.Object({
  app: Type.String({
    maxLength: 50,
    description:
      'The connector, by its JeecgBoot name (case-insensitive): `WECHAT_ENTERPRISE`, and `DINGTALK` / `FEISHU` where this server has them; anything else is refused with 400 naming the ones it has',
  }),
  msgType: Type.Optional(
    Type.String({
      maxLength: 20,
      description:
        '`text` (the default) or `markdown`, as in JeecgBoot; refused with 400 where the connector lacks it',
    }),
  ),
  title: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Markdown title, for providers that show one (default: its first line)',
    }),
  ),
  receiver: Type.Optional(
    Type.String({
      maxLength: 200_000,
      description:
        "Comma-separated system usernames (trimmed, duplicates removed), resolved through the tenant's WeCom bindings. `@all` is the same as sendAll.",
    }),
  ),
  sendAll: Type.Optional(
    Type.Union([Type.Boolean(), Type.String({ maxLength: 20, pattern: TRUE_OR_FALSE })], {
      description:
        'true → WeCom `@all` (everyone in the app\'s visible range). A boolean, or the text "true"/"false" (any case), which is what a form sends',
      [RuleText]:
        'must be true or false: a JSON boolean, or the text "true" or "false" (any case) in a form or JSON; leave it out to send to "receiver" only',
    }),
  ),
  content: Type.String({
    maxLength: 100_000,
    description:
      "Required text; at most the connector's limit in UTF-8 bytes (WeCom: 2048 for text and markdown)",
  }),
});
/** The body as sent: JSON or form-encoded, so `sendAll` may be text. */
export type SendMessageTestWire = Static<typeof SendMessageTestBodySchema>;
/** The body as the service reads it: `sendAll` a boolean. */
export type SendMessageTestBody = Omit<SendMessageTestWire, 'sendAll'> & { sendAll?: boolean };

/** The wire body with `sendAll` as a boolean (the schema has already refused other text). */
export function readSendMessageTest(body: SendMessageTestWire): SendMessageTestBody {
  const { sendAll, ...rest } = body;
  if (sendAll === undefined) return rest;
  return {
    ...rest,
    sendAll: typeof sendAll === 'boolean' ? sendAll : sendAll.trim().toLowerCase() === 'true',
  };
}

/**
 * The send's status as the caller sees it: the log's status, or `accepted_log_pending` when WeCom
 * accepted the message and the log entry could not be stored yet (never send such a message
 * again; the entry is stored later, and the message can be recalled by its msgid then).
 */
const SendStatusSchema = Type.Union(
  [...MESSAGE_STATUSES, 'accepted_log_pending' as const].map((s) => Type.Literal(s)),
  {
    description:
      'sent / partial, or accepted_log_pending: WeCom accepted the message but the log entry is not stored yet — do not send it again',
  },
);
const NoticeSchema = Type.Optional(
  Type.String({
    description: 'With accepted_log_pending: what happened and what to do (zh-CN, en)',
  }),
);
const MsgIdsSchema = Type.Array(Type.String(), {
  description: "WeCom's msgid of every accepted batch (of at most 1000 users)",
});

export const SendMessageTestResultSchema = Type.Object({
  messageId: Type.Integer({ description: 'id in the message log' }),
  msgid: Type.String({ description: "WeCom's msgid (first batch); used for recall" }),
  msgIds: MsgIdsSchema,
  status: SendStatusSchema,
  notice: NoticeSchema,
  errcode: Type.Integer(),
  errmsg: Type.String(),
  toAll: Type.Boolean({
    description:
      "true for an @all send: WeCom expands it to everyone in the app's visible range and names nobody, so `sent` is empty",
  }),
  sent: Type.Array(Type.String(), { description: 'usernames WeCom accepted' }),
  invalid: Type.Array(Type.String(), {
    description: 'usernames WeCom refused (its lower-cased `invaliduser` mapped back)',
  }),
  unbound: Type.Array(Type.String(), {
    description: 'usernames unknown, not active members, or without an active WeCom binding',
  }),
  throttled: Type.Array(Type.String(), {
    description: 'usernames over the per-member limit (30/min, 1000/h); not sent',
  }),
});
export type SendMessageTestResult = Static<typeof SendMessageTestResultSchema>;

// ---- POST /sys/thirdApp/messages (the composer) ----

const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'http(s) URL, or a path of this site ("/…") which is wrapped in WeCom OAuth',
});
const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });

export const TextcardSchema = Type.Object({
  title: Text(200, '≤128 bytes'),
  description: Text(1000, '≤512 bytes; <div class="gray|normal|highlight"> allowed'),
  url: Url,
  btntxt: Type.Optional(Text(10, '≤4 characters, default 详情')),
});

export const NewsArticleSchema = Type.Object({
  title: Text(200, '≤128 bytes'),
  description: Type.Optional(Text(1000, '≤512 bytes')),
  url: Type.Optional(Url),
  picurl: Type.Optional(Type.String({ maxLength: 2048, pattern: '^https?://' })),
});

const KeyValue = Type.Object({ title: Type.Optional(Text(60)), desc: Type.Optional(Text(120)) });

export const TemplateCardSchema = Type.Object({
  card_type: Type.Union([Type.Literal('text_notice'), Type.Literal('news_notice')]),
  source: Type.Optional(
    Type.Object({
      icon_url: Type.Optional(Type.String({ maxLength: 2048, pattern: '^https?://' })),
      desc: Type.Optional(Text(13)),
      desc_color: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
    }),
  ),
  main_title: Type.Optional(KeyValue),
  emphasis_content: Type.Optional(KeyValue),
  sub_title_text: Type.Optional(Text(112)),
  horizontal_content_list: Type.Optional(
    Type.Array(
      Type.Object({
        keyname: Text(5),
        value: Type.Optional(Text(26)),
        url: Type.Optional(Url),
      }),
      { maxItems: 6 },
    ),
  ),
  jump_list: Type.Optional(Type.Array(Type.Object({ title: Text(13), url: Url }), { maxItems: 3 })),
  card_image: Type.Optional(
    Type.Object({
      url: Type.String({ maxLength: 2048, pattern: '^https?://' }),
      aspect_ratio: Type.Optional(Type.Number({ minimum: 1.3, maximum: 2.25 })),
    }),
  ),
  vertical_content_list: Type.Optional(Type.Array(KeyValue, { maxItems: 4 })),
  card_action: Type.Object({ url: Url }, { description: 'where a tap on the card leads' }),
});
export type TemplateCardInput = Static<typeof TemplateCardSchema>;

export const ComposeBodySchema = Type.Object({
  thirdType: Type.Optional(ThirdTypeSchema),
  msgtype: Type.Union([
    Type.Literal('text'),
    Type.Literal('markdown'),
    Type.Literal('textcard'),
    Type.Literal('news'),
    Type.Literal('template_card'),
  ]),
  content: Type.Optional(Text(100_000, 'text / markdown: ≤2048 UTF-8 bytes')),
  textcard: Type.Optional(TextcardSchema),
  news: Type.Optional(
    Type.Object({ articles: Type.Array(NewsArticleSchema, { minItems: 1, maxItems: 8 }) }),
  ),
  template_card: Type.Optional(TemplateCardSchema),
  toUsers: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20_000 })),
  toDepartments: Type.Optional(Type.Array(Id(), { maxItems: 1000 })),
  toAll: Type.Optional(Type.Boolean()),
  safe: Type.Optional(Type.Boolean({ description: 'no sharing, watermark (WeCom safe=1)' })),
  enableDuplicateCheck: Type.Optional(Type.Boolean()),
  duplicateCheckInterval: Type.Optional(Type.Integer({ minimum: 1, maximum: 14_400 })),
});
export type ComposeBody = Static<typeof ComposeBodySchema>;
export type ComposeContent = Pick<
  ComposeBody,
  'msgtype' | 'content' | 'textcard' | 'news' | 'template_card'
>;

const Usernames = Type.Array(Type.String());
export const RecipientsSummarySchema = Type.Object({
  delivered: Usernames,
  invalid: Usernames,
  unbound: Usernames,
  throttled: Usernames,
  failed: Usernames,
});

export const DepartmentOutcomeSchema = Type.Object({
  delivered: Type.Array(Type.Integer()),
  invalid: Type.Array(Type.Integer()),
  unbound: Type.Array(Type.Integer(), {
    description: 'departments unknown or not mirrored from WeCom (no external id)',
  }),
});

export const ComposeResultSchema = Type.Object({
  messageId: Type.Integer(),
  status: SendStatusSchema,
  notice: NoticeSchema,
  msgid: Type.String(),
  msgIds: MsgIdsSchema,
  toAll: Type.Boolean(),
  recipients: RecipientsSummarySchema,
  departments: DepartmentOutcomeSchema,
});
export type ComposeResult = Static<typeof ComposeResultSchema>;

// ---- message log ----

export const AudienceQuerySchema = Type.Object(
  { thirdType: Type.Optional(ThirdTypeSchema) },
  { additionalProperties: false },
);
export const AudienceSchema = Type.Object({
  thirdType: Type.String(),
  boundActive: Type.Integer({
    description:
      'members of this tenant with an active binding to the configured corp, active (1) and not frozen',
  }),
});

export const MessageListQuerySchema = Type.Object({
  ...PageQuery,
  status: Type.Optional(Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s)))),
  source: Type.Optional(Type.Union(MESSAGE_SOURCES.map((s) => Type.Literal(s)))),
});

const Counts = Type.Object(
  Object.fromEntries(RECIPIENT_OUTCOMES.map((o) => [o, Type.Integer()])) as Record<
    (typeof RECIPIENT_OUTCOMES)[number],
    ReturnType<typeof Type.Integer>
  >,
);

export const MessageErrorSchema = Type.Object({
  errcode: Type.Integer(),
  errmsg: Type.String(),
  kind: Type.String(),
  explanation: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Object({ title: Type.String(), cause: Type.String(), fix: Type.String() }),
    ),
  ),
});

export const MessageRecordSchema = Type.Object({
  id: Type.Integer(),
  source: Type.Union(MESSAGE_SOURCES.map((s) => Type.Literal(s))),
  msgtype: Type.String(),
  summary: Type.String(),
  senderUsername: Type.String(),
  target: Type.Object({
    toUsers: Type.Array(Type.String()),
    toDepartments: Type.Array(Type.Integer()),
    toAll: Type.Boolean(),
  }),
  status: Type.Union(MESSAGE_STATUSES.map((s) => Type.Literal(s))),
  msgIds: Type.Array(Type.String()),
  counts: Counts,
  error: Nullable(MessageErrorSchema),
  createdAt: Timestamp,
  recalledAt: Nullable(Timestamp),
  /** True while WeCom's 24 h recall window is open and the message was sent and not recalled. */
  recallable: Type.Boolean(),
});

export const MessageListResultSchema = Paged(MessageRecordSchema);

export const MessageDetailSchema = Type.Composite([
  MessageRecordSchema,
  Type.Object({
    content: Type.Record(Type.String(), Type.Unknown()),
    departments: Nullable(DepartmentOutcomeSchema),
    recipients: Type.Array(
      Type.Object({
        username: Type.String(),
        userId: Nullable(Type.Integer()),
        wechatUserId: Nullable(Type.String()),
        outcome: Type.Union(RECIPIENT_OUTCOMES.map((o) => Type.Literal(o))),
        msgid: Nullable(Type.String()),
      }),
    ),
  }),
]);

export const MessageIdParamsSchema = Type.Object({ id: Id('message id') });

export const RecallResultSchema = Type.Object({
  id: Type.Integer(),
  recalledAt: Timestamp,
});
