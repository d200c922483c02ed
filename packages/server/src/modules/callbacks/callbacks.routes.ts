import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallbackReply, CallbackRequest } from '../../connectors/kit';
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

/** `/sys/thirdApp/callback/wechat_enterprise/:tenantId` (WeCom's URL until now) is one of these. */
const URL = '/sys/thirdApp/callback/:thirdType/:tenantId';
/** A change_contact envelope is a few KB; the providers' largest messages stay far below this. */
const BODY_LIMIT = 64 * 1024;
const tags = ['third-app-callback'];
const responses = { 200: PlainTextSchema, '4xx': ErrorEnvelopeSchema, '5xx': ErrorEnvelopeSchema };
/** What the OpenAPI document shows: WeCom's XML in, plain text out (lib/openapi-docs.ts). */
const xmlEnvelope = Type.String({
  description:
    "WeCom's encrypted envelope: `<xml><ToUserName>CorpID</ToUserName><Encrypt>…</Encrypt><AgentID>…</AgentID></xml>`",
});
/** DingTalk and Feishu sign and encrypt JSON: `{"encrypt": "…"}`. */
const jsonEnvelope = Type.String({
  description: 'The encrypted JSON envelope of providers that push JSON: `{"encrypt":"…"}`',
});
const plainText = (description: string) => ({
  mediaType: 'text/plain',
  schema: Type.String(),
  description,
});
type Params = Static<typeof CallbackParamsSchema>;

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

/** The request as a connector reads it: the body exactly as it came, for the signature. */
function callbackRequest(req: FastifyRequest): CallbackRequest {
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) query[k] = one(v);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: req.method === 'GET' ? 'GET' : 'POST',
    query,
    headers,
    rawBody: typeof req.body === 'string' ? req.body : '',
  };
}

const send = (reply: FastifyReply, out: CallbackReply) =>
  reply.code(out.status).type(out.contentType).send(out.body);

/**
 * The providers' event URL (WeCom 接收事件服务器, doc /90930). Public: provider and tenant come
 * from the path, and the provider's connector checks that every request is signed and encrypted
 * with that tenant's values. Answers are what the connector says (WeCom: plain text); refusals
 * use the error envelope. An unknown thirdType, or a connector without callbacks, is a 404.
 */
export function registerCallbackRoutes(
  app: FastifyInstance,
  deps: { callbacks: CallbacksService },
): void {
  const svc = deps.callbacks;
  app.addHook('onReady', async () => svc.start(app.log.child({ module: 'callbacks' })));
  app.addHook('onClose', async () => svc.stop());

  // Scoped plugin: these routes read every body raw, as text, whatever its content type (XML
  // for WeCom, JSON for DingTalk and Feishu), so that the connector checks the signature over
  // exactly the bytes that were signed.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );

    scope.route<{ Params: Params; Querystring: VerifyQuery }>({
      method: 'GET',
      url: URL,
      config: {
        access: 'public',
        openapi: {
          responseContent: plainText('WeCom: the decrypted echostr, as WeCom expects.'),
        },
      },
      schema: {
        operationId: 'wecomCallbackVerify',
        summary: 'Callback URL verification (WeCom: answers the decrypted echostr)',
        description:
          'thirdType `wechat_enterprise`: WeCom signs msg_signature/timestamp/nonce/echostr. An unknown thirdType is a 404 naming the supported ones.',
        tags,
        security: [],
        params: CallbackParamsSchema,
        querystring: VerifyQuerySchema,
        response: responses,
      },
      handler: async (req, reply) => {
        const { thirdType, tenantId } = req.params;
        return send(reply, await svc.verifyUrl(thirdType, tenantId, callbackRequest(req)));
      },
    });

    scope.route<{ Params: Params; Querystring: EventQuery }>({
      method: 'POST',
      url: URL,
      bodyLimit: BODY_LIMIT,
      config: {
        access: 'public',
        openapi: {
          requestContent: {
            'text/xml': xmlEnvelope,
            'application/xml': xmlEnvelope,
            'application/json': jsonEnvelope,
          },
          responseContent: plainText('WeCom: `success`, as WeCom expects.'),
          errors: { 413: 'The body is larger than 64 KiB.' },
        },
      },
      schema: {
        operationId: 'wecomCallbackEvent',
        summary:
          'Callback event: stores a verified contact change or acts on an approval-card click (WeCom: answers "success")',
        description:
          'The encrypted envelope, read raw whatever its content type (WeCom: XML as text/xml). Contact changes are stored once and applied by a background sync run; a click on an approval card (WeCom template_card_event) is stored once and acted on as the clicking admin; other messages are acknowledged and not stored. An unknown thirdType is a 404 naming the supported ones.',
        tags,
        security: [],
        params: CallbackParamsSchema,
        querystring: EventQuerySchema,
        response: responses,
      },
      handler: async (req, reply) => {
        const { thirdType, tenantId } = req.params;
        const out = await svc.receive(thirdType, tenantId, callbackRequest(req));
        if (out.kind === 'ignored') req.log.info({ what: out.what }, 'callback message ignored');
        return send(reply, out.reply);
      },
    });
  });
}
