import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';
import { route, type SessionInfo } from '../../lib/route';
import { auditActor } from '../audit/audit.recorder';
import type { Sender } from './messages.send';
import type { MessagesService } from './messages.service';
import {
  AudienceQuerySchema,
  AudienceSchema,
  ComposeBodySchema,
  ComposeResultSchema,
  MessageDetailSchema,
  MessageIdParamsSchema,
  MessageListQuerySchema,
  MessageListResultSchema,
  readSendMessageTest,
  RecallResultSchema,
  SEND_MESSAGE_TEST_MEDIA_TYPES,
  SendMessageTestBodySchema,
  SendMessageTestResultSchema,
} from './messages.schemas';
import { sendMessageTestExamples } from './messages.examples';

const tags = ['messages'];

/** The sender as logged, and who is audited for the send (the person or the API key). */
const senderOf = (session: SessionInfo, req: FastifyRequest): Sender => ({
  username: session.username,
  audit: { ...auditActor(session), ip: req.ip },
});

/**
 * Access: tenant admins only, for sending and for the log. The seed lets any signed-in user
 * call sendMessageTest, but a plain member could then message the whole corp (`@all`) in the
 * company's name and read everything others sent; integrators use an admin's token, as the
 * seed's Postman walkthrough does.
 */
const ACCESS_NOTE =
  'Tenant admins only: sending can reach everyone in the WeCom corp (@all) and the log holds what others sent.';

/** Any other body on the push API, e.g. Postman's form-data tab (multipart): say which to use. */
const unsupportedMediaType = () =>
  new AppError(
    'request.unsupported_media_type',
    415,
    '请求体请用 application/json 或 application/x-www-form-urlencoded 发送（Postman：Body → raw → JSON，或 Body → x-www-form-urlencoded；不支持 form-data）。 — Send the request body as application/json or application/x-www-form-urlencoded (in Postman: Body → raw → JSON, or Body → x-www-form-urlencoded; form-data is not accepted).',
    { accepted: SEND_MESSAGE_TEST_MEDIA_TYPES },
  );

/**
 * The seed's push API. Postman users send it from the raw-JSON tab or the x-www-form-urlencoded
 * one (PRODUCT.md §5.4), so it takes both; a form's `sendAll` is text ("true"/"false").
 */
function registerSendMessageTest(app: FastifyInstance, svc: MessagesService): void {
  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/sendMessageTest',
    operationId: 'sendMessageTest',
    examples: sendMessageTestExamples,
    errors: {
      404: 'The tenant has no enabled WeCom configuration.',
      415: 'The body is neither JSON nor a URL-encoded form.',
      422: 'WeCom refused every receiver.',
      429: 'Every receiver is over WeCom’s per-member limit.',
      502: 'WeCom refused the message or could not be reached.',
    },
    apiKey: 'messages:send',
    tags,
    access: 'admin',
    summary: 'Push a WeCom text message to system users (by username) or to everyone',
    description: `${ACCESS_NOTE} \`app\` chooses the connector (WECHAT_ENTERPRISE; DINGTALK / FEISHU where installed; another is a 400 naming the installed ones), \`msgType\` text (default) or markdown as in JeecgBoot. The body may be JSON or application/x-www-form-urlencoded (UTF-8); \`sendAll\` may be a boolean or the text "true"/"false". Receivers resolve through the tenant's active WeCom bindings; unknown or unbound usernames are reported in \`unbound\`, refused ones in \`invalid\`, members over WeCom's per-member limit (30/min, 1000/h) in \`throttled\`. More than 1000 receivers are sent in batches of 1000. \`success\` is true only when WeCom accepted the message; WeCom's refusal answers 400/422/502 with errcode, errmsg and a zh-CN/en explanation in \`details\`. Nothing deliverable: 400 (429 when all were throttled) without calling WeCom. Every call is stored in the message log.`,
    body: SendMessageTestBodySchema,
    consumes: SEND_MESSAGE_TEST_MEDIA_TYPES,
    result: SendMessageTestResultSchema,
    handler: ({ tenant, session, body, req }) =>
      svc.sendMessageTest(tenant, senderOf(session, req), readSendMessageTest(body)),
  });
}

export function registerMessageRoutes(
  app: FastifyInstance,
  deps: { messages: MessagesService },
): void {
  const { messages: svc } = deps;

  // The only route that takes forms: its own plugin scope, so no other route parses them.
  void app.register(async (forms) => {
    await forms.register(formbody);
    forms.addContentTypeParser('*', (_req, _payload, done) =>
      done(unsupportedMediaType(), undefined),
    );
    registerSendMessageTest(forms, svc);
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/messages',
    operationId: 'sendMessage',
    errors: {
      404: 'The tenant has no enabled WeCom configuration, or a department is not in it.',
      422: 'WeCom refused every receiver.',
      429: 'Every receiver is over WeCom’s per-member limit.',
      502: 'WeCom refused the message or could not be reached.',
    },
    apiKey: 'messages:send',
    tags,
    access: 'admin',
    summary: 'Send a text, markdown, textcard, news or template_card message',
    description: `${ACCESS_NOTE} Receivers: usernames (toUsers), department ids of this tenant synced from WeCom (toDepartments) or everyone (toAll). Links that point to this site (a path starting with "/" or a PUBLIC_URL address) are wrapped in the connector's sign-in (/sys/thirdLogin/oauth2/<thirdType>/login?tenantId=&redirect=) so the member lands signed in; other links are left as they are. Types, size limits, batch sizes, @all and recall are the connector's capabilities (GET /sys/thirdApp/connectors; WeCom: every type, text/markdown 2048 bytes, titles 128 bytes, descriptions 512 bytes); a type or size the connector lacks is a 400 naming the field and the limit, or the supported types.`,
    body: ComposeBodySchema,
    result: ComposeResultSchema,
    handler: ({ tenant, session, body, req }) => svc.compose(tenant, senderOf(session, req), body),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/messages',
    operationId: 'listMessages',
    apiKey: 'messages:read',
    tags,
    access: 'admin',
    summary: "The current tenant's message log, newest first, with outcome counts",
    querystring: MessageListQuerySchema,
    result: MessageListResultSchema,
    handler: ({ tenant, query }) => svc.list(tenant, query),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/messages/audience',
    operationId: 'messageAudience',
    tags,
    access: 'admin',
    summary:
      'How many members an @all send reaches in this tenant (bound, active, not frozen), for the confirmation',
    querystring: AudienceQuerySchema,
    result: AudienceSchema,
    handler: ({ tenant, query }) => svc.audience(tenant, query.thirdType),
  });

  route(app, {
    method: 'GET',
    url: '/sys/thirdApp/messages/:id',
    operationId: 'getMessage',
    apiKey: 'messages:read',
    tags,
    access: 'admin',
    summary: 'One logged message with its content and per-recipient outcome',
    params: MessageIdParamsSchema,
    result: MessageDetailSchema,
    handler: ({ tenant, params }) => svc.get(tenant, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/sys/thirdApp/messages/:id/recall',
    operationId: 'recallMessage',
    errors: {
      409: 'Already recalled, or outside WeCom’s 24 h window.',
      502: 'WeCom refused the recall or could not be reached.',
    },
    tags,
    access: 'admin',
    summary: "Recall a message within WeCom's 24-hour window (400 after it)",
    params: MessageIdParamsSchema,
    result: RecallResultSchema,
    handler: ({ tenant, params }) => svc.recall(tenant, params.id),
  });
}
