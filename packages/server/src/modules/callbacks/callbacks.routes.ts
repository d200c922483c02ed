import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ErrorEnvelopeSchema } from '../../lib/envelope';
import type { CallbacksService } from './callbacks.service';
import {
  CallbackParamsSchema,
  EventQuerySchema,
  PlainTextSchema,
  VerifyQuerySchema,
  type EventQuery,
  type VerifyQuery,
} from './callbacks.schemas';

const URL = '/sys/thirdApp/callback/wechat_enterprise/:tenantId';
/** A change_contact envelope is a few KB; WeCom's largest messages stay far below this. */
const BODY_LIMIT = 64 * 1024;
const tags = ['third-app-callback'];
const responses = { 200: PlainTextSchema, '4xx': ErrorEnvelopeSchema, '5xx': ErrorEnvelopeSchema };
/** What the OpenAPI document shows: WeCom's XML in, plain text out (lib/openapi-docs.ts). */
const xmlEnvelope = Type.String({
  description:
    "WeCom's encrypted envelope: `<xml><ToUserName>CorpID</ToUserName><Encrypt>…</Encrypt><AgentID>…</AgentID></xml>`",
});
const plainText = (description: string) => ({
  mediaType: 'text/plain',
  schema: Type.String(),
  description,
});
type Params = Static<typeof CallbackParamsSchema>;

/**
 * WeCom's 接收事件服务器 URL (doc /90930). Public: the tenant comes from the path, and every
 * request must be signed with that tenant's Token and encrypted for its CorpID. Answers are
 * plain text as WeCom expects; refusals use the error envelope.
 */
export function registerCallbackRoutes(
  app: FastifyInstance,
  deps: { callbacks: CallbacksService },
): void {
  const svc = deps.callbacks;
  app.addHook('onReady', async () => svc.start(app.log.child({ module: 'callbacks' })));
  app.addHook('onClose', async () => svc.stop());

  // Scoped plugin: the XML body parser exists for these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      ['text/xml', 'application/xml'],
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    scope.route<{ Params: Params; Querystring: VerifyQuery }>({
      method: 'GET',
      url: URL,
      config: {
        access: 'public',
        openapi: { responseContent: plainText('The decrypted echostr, as WeCom expects.') },
      },
      schema: {
        operationId: 'wecomCallbackVerify',
        summary: 'WeCom callback URL verification: answers the decrypted echostr',
        tags,
        security: [],
        params: CallbackParamsSchema,
        querystring: VerifyQuerySchema,
        response: responses,
      },
      handler: async (req, reply) => {
        const echo = await svc.verifyUrl(req.params.tenantId, req.query);
        return reply.type('text/plain; charset=utf-8').send(echo);
      },
    });

    scope.route<{ Params: Params; Querystring: EventQuery }>({
      method: 'POST',
      url: URL,
      bodyLimit: BODY_LIMIT,
      config: {
        access: 'public',
        openapi: {
          requestContent: { 'text/xml': xmlEnvelope, 'application/xml': xmlEnvelope },
          responseContent: plainText('`success`, as WeCom expects.'),
          errors: { 413: 'The body is larger than 64 KiB.' },
        },
      },
      schema: {
        operationId: 'wecomCallbackEvent',
        summary:
          'WeCom callback event: stores a verified change_contact event or acts on an approval-card click, answers "success"',
        description:
          'The encrypted XML envelope (text/xml). Contact changes are stored once and applied by a background sync run; a click on an approval card (template_card_event) is stored once and acted on as the clicking admin; other messages are acknowledged and not stored.',
        tags,
        security: [],
        params: CallbackParamsSchema,
        querystring: EventQuerySchema,
        response: responses,
      },
      handler: async (req, reply) => {
        const out = await svc.receive(req.params.tenantId, req.query, req.body);
        if (out.kind === 'ignored')
          req.log.info({ msgType: out.msgType, event: out.event }, 'callback message ignored');
        return reply.type('text/plain; charset=utf-8').send('success');
      },
    });
  });
}
