/**
 * The callback route hands the connector the body exactly as it came, whatever its content type:
 * DingTalk and Feishu sign JSON bodies, so a parsed and re-serialised body would not verify.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallbackRequest } from '../../connectors/kit';
import { registerCallbackRoutes } from './callbacks.routes';
import type { CallbacksService } from './callbacks.service';

const seen: { thirdType: string; tenantId: number; req: CallbackRequest }[] = [];
const fake = {
  start: async () => {},
  stop: async () => {},
  async verifyUrl(thirdType: string, tenantId: number, req: CallbackRequest) {
    seen.push({ thirdType, tenantId, req });
    return { status: 200, contentType: 'application/json', body: '{"challenge":"c1"}' };
  },
  async receive(thirdType: string, tenantId: number, req: CallbackRequest) {
    seen.push({ thirdType, tenantId, req });
    return {
      kind: 'contact' as const,
      reply: { status: 200, contentType: 'application/json', body: '{"msg":"ok"}' },
    };
  },
} as unknown as CallbacksService;

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  registerCallbackRoutes(app, { callbacks: fake });
  await app.ready();
});
afterAll(async () => app?.close());

describe('callback route bodies', () => {
  it('passes a JSON body raw (whitespace and key order kept) and answers what the connector says', async () => {
    const body = '{ "encrypt" :"abc==",\n  "z": 1 }';
    const res = await app.inject({
      method: 'POST',
      url: '/sys/thirdApp/callback/dingtalk/7?signature=s&timestamp=1&nonce=n',
      headers: { 'content-type': 'application/json; charset=utf-8', 'X-Lark-Signature': 'sig' },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toBe('{"msg":"ok"}');
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ thirdType: 'dingtalk', tenantId: 7 });
    expect(last.req).toMatchObject({
      method: 'POST',
      rawBody: body,
      query: { signature: 's', timestamp: '1', nonce: 'n' },
    });
    expect(last.req.headers['x-lark-signature']).toBe('sig');
  });

  it('passes an XML body raw, and a body without content type', async () => {
    const xml = '<xml><Encrypt><![CDATA[x]]></Encrypt></xml>';
    const res = await app.inject({
      method: 'POST',
      url: '/sys/thirdApp/callback/wechat_enterprise/8?msg_signature=a&timestamp=1&nonce=2',
      headers: { 'content-type': 'text/xml' },
      payload: xml,
    });
    expect(res.statusCode).toBe(200);
    expect(seen.at(-1)?.req.rawBody).toBe(xml);
    const bare = await app.inject({
      method: 'POST',
      url: '/sys/thirdApp/callback/feishu/9',
      payload: Buffer.from('{"encrypt":"e"}'),
    });
    expect(bare.statusCode).toBe(200);
    expect(seen.at(-1)?.req).toMatchObject({ rawBody: '{"encrypt":"e"}', method: 'POST' });
  });

  it('GET verification reaches the connector with an empty body', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/sys/thirdApp/callback/feishu/9?x=1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"challenge":"c1"}');
    expect(seen.at(-1)?.req).toMatchObject({ method: 'GET', rawBody: '', query: { x: '1' } });
  });
});
