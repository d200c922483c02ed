import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds } from '../../../test/factories/messages';

/**
 * The push API as Postman users send it (PRODUCT.md §5.4): the x-www-form-urlencoded tab as well
 * as raw JSON, and `sendAll` as the text "true"/"false". Only this route takes forms.
 */
const URL = '/sys/thirdApp/sendMessageTest';
const SEND_API = '/cgi-bin/message/send';
const FORM = 'application/x-www-form-urlencoded';

let sim: Simulator;
let t: TestApp;
let admin: TestUser;
let alice: TestUser;
let ext: string[];

beforeAll(async () => {
  sim = await startSimulator({ users: 30, departments: 4, seed: 29, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  const w = await withWeComTenant(t, sim);
  admin = w.admin;
  ext = activeSimUserIds(sim);
  alice = await t.factories.user(w.tenant.id);
  const corpId = sim.credentials.corpId;
  await bindMember(t.db, { tenantId: w.tenant.id, userId: alice.id, corpId, extUserId: ext[0]! });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.admin.clearFaults();
  sim.admin.resetCounts();
});

const sends = () => sim.admin.counts()[SEND_API] ?? 0;

/** A raw request, as Postman sends it: the body text and its content type as given. */
async function post(url: string, payload: string, contentType: string, token = admin.token) {
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': contentType, ...(token ? { 'x-access-token': token } : {}) },
    payload,
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('application/json');
  return { status: res.statusCode, body: isJson ? res.json() : { raw: res.body } };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('sendMessageTest from a form (Postman x-www-form-urlencoded)', () => {
  it('delivers Chinese content to the receiver with sendAll "false", exactly like JSON', async () => {
    const content = '周五 18:00 前提交周报 & 报销单 (100%)';
    const res = await post(
      URL,
      form({ app: 'WECHAT_ENTERPRISE', receiver: alice.username, sendAll: 'false', content }),
      `${FORM}; charset=UTF-8`,
    );
    expect(res.status, res.body.message).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.result).toMatchObject({ errcode: 0, sent: [alice.username], unbound: [] });
    const last = sim.admin.allMessages().at(-1)!;
    expect(last.touser.toLowerCase()).toBe(ext[0]!.toLowerCase());
    expect(sim.admin.messagesFor(ext[0]!).at(-1)).toMatchObject({
      msgtype: 'text',
      content: { content },
    });

    // The same message as JSON gives the same answer.
    const json = await post(
      URL,
      JSON.stringify({
        app: 'WECHAT_ENTERPRISE',
        receiver: alice.username,
        sendAll: false,
        content,
      }),
      'application/json',
    );
    expect(json.status).toBe(200);
    expect(json.body.result.sent).toEqual(res.body.result.sent);
    expect(sim.admin.messagesFor(ext[0]!).at(-1)!.content).toEqual({ content });
    expect(sends()).toBe(2);
  });

  it('reads unencoded UTF-8 and "+" as a space, as browsers and curl -d send them', async () => {
    const res = await post(
      URL,
      `app=wechat_enterprise&receiver=${alice.username}&content=你好+世界`,
      FORM,
    );
    expect(res.status, res.body.message).toBe(200);
    expect(sim.admin.messagesFor(ext[0]!).at(-1)!.content).toEqual({ content: '你好 世界' });
  });

  it('sends to @all for sendAll "true" in a form and in JSON, in any case', async () => {
    const viaForm = await post(
      URL,
      form({ app: 'WECHAT_ENTERPRISE', sendAll: 'true', content: '全员通知' }),
      FORM,
    );
    expect(viaForm.status, viaForm.body.message).toBe(200);
    expect(sim.admin.allMessages().at(-1)!.touser).toBe('@all');
    const viaJson = await post(
      URL,
      JSON.stringify({ app: 'WECHAT_ENTERPRISE', sendAll: 'TRUE', content: '全员通知 2' }),
      'application/json',
    );
    expect(viaJson.status, viaJson.body.message).toBe(200);
    expect(sim.admin.allMessages().at(-1)!.touser).toBe('@all');
    expect(sends()).toBe(2);
  });

  it('refuses a sendAll that is neither true nor false with a 400 saying what to send', async () => {
    const bodies: [string, string][] = [
      [form({ app: 'WECHAT_ENTERPRISE', sendAll: 'maybe', content: 'x' }), FORM],
      [
        form({ app: 'WECHAT_ENTERPRISE', sendAll: '', receiver: alice.username, content: 'x' }),
        FORM,
      ],
      [
        JSON.stringify({ app: 'WECHAT_ENTERPRISE', sendAll: 'maybe', content: 'x' }),
        'application/json',
      ],
      [JSON.stringify({ app: 'WECHAT_ENTERPRISE', sendAll: 1, content: 'x' }), 'application/json'],
    ];
    for (const [payload, type] of bodies) {
      const res = await post(URL, payload, type);
      expect(res.status, payload).toBe(400);
      expect(res.body).toMatchObject({ success: false, errorCode: 'request.invalid' });
      expect(res.body.message).toContain('sendAll');
      expect(res.body.message).toMatch(/true.*false/);
    }
    expect(sends()).toBe(0);
  });

  it('answers 4xx, never 5xx, to form fields it cannot use', async () => {
    const cases: [string, number][] = [
      // A field given twice is a list, not the text the field needs.
      [`app=WECHAT_ENTERPRISE&receiver=${alice.username}&receiver=bob&content=x`, 400],
      ['app=WECHAT_ENTERPRISE&__proto__=x&constructor=y&sendAll=true', 400],
      ['', 400],
    ];
    for (const [payload, status] of cases) {
      const res = await post(URL, payload, FORM);
      expect(res.status, payload).toBe(status);
      expect(res.body.success).toBe(false);
    }
    expect(sends()).toBe(0);
    // Broken percent-encoding is kept as the text it is (the parser's rule), not a failure.
    const broken = await post(
      URL,
      `app=WECHAT_ENTERPRISE&receiver=${alice.username}&content=50%+off%E4%B8`,
      FORM,
    );
    expect(broken.status, broken.body.message).toBe(200);
    expect(sim.admin.messagesFor(ext[0]!).at(-1)!.content).toEqual({ content: '50% off%E4%B8' });
  });

  it('keeps the body limit for forms and the depth limit for JSON on this route', async () => {
    const big = form({ app: 'WECHAT_ENTERPRISE', receiver: 'a', content: '企'.repeat(400_000) });
    const tooLarge = await post(URL, big, FORM);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errorCode).toBe('request.body_too_large');
    const deep = `{"app":"WECHAT_ENTERPRISE","content":"x","x":${'['.repeat(100)}${']'.repeat(100)}}`;
    const tooDeep = await post(URL, deep, 'application/json');
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errorCode).toBe('request.too_deep');
  });

  it('refuses other media types on this route naming the two it takes (Postman form-data is multipart)', async () => {
    const res = await post(
      URL,
      '--b\r\nContent-Disposition: form-data; name="app"\r\n\r\nWECHAT_ENTERPRISE\r\n--b--\r\n',
      'multipart/form-data; boundary=b',
    );
    expect(res.status).toBe(415);
    expect(res.body.errorCode).toBe('request.unsupported_media_type');
    expect(res.body.message).toContain('application/json');
    expect(res.body.message).toContain('application/x-www-form-urlencoded');
  });
});

describe('form bodies elsewhere', () => {
  it('are refused with 415 by the JSON-only routes, never parsed and never a 5xx', async () => {
    const cases: [string, string, string | undefined][] = [
      ['/sys/login', form({ username: 'admin', password: 'whatever-123' }), undefined],
      [
        '/sys/thirdApp/messages',
        form({ msgtype: 'text', content: 'x', toAll: 'true' }),
        admin.token,
      ],
      ['/sys/thirdApp/sync/preview', form({ thirdType: 'wechat_enterprise' }), admin.token],
    ];
    for (const [url, payload, token] of cases) {
      const res = await post(url, payload, FORM, token ?? '');
      expect(res.status, url).toBe(415);
      expect(res.body).toMatchObject({
        success: false,
        errorCode: 'request.unsupported_media_type',
      });
      expect(res.body.message).toContain('application/json');
    }
    expect(sends()).toBe(0);
  });
});

describe('OpenAPI', () => {
  it('lists JSON and form bodies for sendMessageTest, JSON only for the composer', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const content = (path: string) =>
      Object.keys(doc.paths[path].post.requestBody.content as object).sort();
    expect(content(URL)).toEqual(['application/json', FORM]);
    expect(content('/sys/thirdApp/messages')).toEqual(['application/json']);
    const sendAll = doc.paths[URL].post.requestBody.content[FORM].schema.properties.sendAll;
    expect(JSON.stringify(sendAll)).toContain('boolean');
    expect(JSON.stringify(sendAll)).toContain('string');
  });
});
