import { computeSignature, encryptMessage } from '@orgbridge/wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackWorld,
  contactXml,
  envelope,
  eventsOf,
  post,
  type CallbackWorld,
} from './callbacks.test-harness';

let w: CallbackWorld;
beforeAll(async () => {
  w = await callbackWorld({ users: 12, departments: 3, seed: 21 });
});
afterAll(async () => w?.close());

describe('callback URL verification (GET)', () => {
  it("activates the simulator's callback only when the echo is decrypted with the tenant's values", async () => {
    await expect(
      w.sim.admin.configureCallback({
        url: w.url,
        token: 'WrongToken1',
        encodingAesKey: w.encodingAesKey,
      }),
    ).rejects.toThrow(/HTTP 403/);
    await w.sim.admin.configureCallback({
      url: w.url,
      token: w.token,
      encodingAesKey: w.encodingAesKey,
    });
  });

  it('answers the plain echo, and explained 4xx for a bad signature, another corp or an unknown tenant', async () => {
    const echostr = encryptMessage(w.encodingAesKey, '1234567890', w.corpId);
    const q = (token: string, e = echostr) =>
      new URLSearchParams({
        msg_signature: computeSignature(token, '1', '2', e),
        timestamp: '1',
        nonce: '2',
        echostr: e,
      });
    const ok = await fetch(`${w.url}?${q(w.token)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('1234567890');

    const bad = await fetch(`${w.url}?${q('OtherToken')}`);
    expect(bad.status).toBe(403);
    expect(await bad.json()).toMatchObject({ errorCode: 'callback.signature_invalid' });

    const foreignCorp = encryptMessage(w.encodingAesKey, '1234567890', 'wwOtherCorp');
    const other = await fetch(`${w.url}?${q(w.token, foreignCorp)}`);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ errorCode: 'callback.receive_id_mismatch' });

    const unknown = await fetch(`${w.url.replace(/\d+$/, '999999')}?${q(w.token)}`);
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(body).toMatchObject({ errorCode: 'callback.not_configured' });
    expect(JSON.stringify(body)).not.toContain(w.corpId);
  });
});

describe('callback events (POST)', () => {
  const plain = () =>
    contactXml(
      w.corpId,
      `<ChangeType>update_user</ChangeType><UserID><![CDATA[nobody-${Math.random()}]]></UserID>`,
    );

  it('stores a retried delivery once and acknowledges both with "success" well under 1 s', async () => {
    const before = (await eventsOf(w)).length;
    const text = plain();
    const started = performance.now();
    const first = await post(w.url, envelope(w, text));
    const elapsed = performance.now() - started;
    const again = await post(w.url, envelope(w, text));
    expect(first).toEqual({ status: 200, text: 'success' });
    expect(again).toEqual({ status: 200, text: 'success' });
    expect(elapsed).toBeLessThan(1000);
    const rows = await eventsOf(w);
    expect(rows.length).toBe(before + 1);
    const row = rows.find((r) => r.extId.startsWith('nobody-'));
    expect(row).toMatchObject({ changeType: 'member.upsert', thirdType: 'wechat_enterprise' });
    expect(row?.dedupKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a bad signature, a body that is no envelope and a tenant without config, storing nothing', async () => {
    const before = (await eventsOf(w)).length;
    const e = envelope(w, plain());
    e.query.set('msg_signature', '0'.repeat(40));
    const bad = await post(w.url, e);
    expect(bad.status).toBe(403);
    expect(JSON.parse(bad.text)).toMatchObject({ errorCode: 'callback.signature_invalid' });

    const json = await fetch(`${w.url}?${envelope(w, plain()).query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"Encrypt":"x"}',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ errorCode: 'callback.malformed' });

    const huge = await fetch(`${w.url}?${envelope(w, plain()).query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: `<xml><Encrypt>${'x'.repeat(70 * 1024)}</Encrypt></xml>`,
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { message: string }).message).toContain('64 KB limit');

    const bare = await t().factories.tenant();
    const none = await post(w.url.replace(/\d+$/, String(bare.id)), envelope(w, plain()));
    expect(none.status).toBe(404);
    expect(JSON.parse(none.text)).toMatchObject({ errorCode: 'callback.not_configured' });
    expect((await eventsOf(w)).length).toBe(before);
  });

  it("refuses tenant A's Token and key at tenant B's URL (signatures are per tenant)", async () => {
    const tb = await t().factories.tenant();
    const adminB = await t().factories.user(tb.id, { role: 'admin' });
    const created = await t().call(
      'POST',
      '/sys/thirdApp/config',
      {
        thirdType: 'wechat_enterprise',
        agentId: 1000002,
        clientId: 'wwTenantBCorp0001',
        clientSecret: 'x'.repeat(43),
      },
      { token: adminB.token },
    );
    expect(created.status, created.body.message).toBe(200);
    const urlB = w.url.replace(/\d+$/, String(tb.id));
    const res = await post(urlB, envelope(w, plain()));
    expect(res.status).toBe(403);
    // Even A's Token with B's CorpID inside is refused: B's Token signs B's events.
    const mixed = await post(urlB, envelope({ ...w, corpId: 'wwTenantBCorp0001' }, plain()));
    expect(mixed.status).toBe(403);
    expect(await eventsOf(w, tb.id)).toEqual([]);
  });

  it('acknowledges other messages without storing them', async () => {
    const before = (await eventsOf(w)).length;
    const text = `<xml><ToUserName><![CDATA[${w.corpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><AgentID>1000002</AgentID></xml>`;
    expect(await post(w.url, envelope(w, text))).toEqual({ status: 200, text: 'success' });
    const tag = contactXml(w.corpId, '<ChangeType>update_tag</ChangeType><TagId>1</TagId>');
    expect(await post(w.url, envelope(w, tag))).toEqual({ status: 200, text: 'success' });
    expect((await eventsOf(w)).length).toBe(before);
  });
});

describe('callback routes take the thirdType', () => {
  it('answers 404 naming the supported thirdTypes for an unknown one, storing nothing', async () => {
    const before = (await eventsOf(w)).length;
    const other = w.url.replace('/wechat_enterprise/', '/nosuchprovider/');
    const e = envelope(
      w,
      contactXml(w.corpId, '<ChangeType>delete_user</ChangeType><UserID>u1</UserID>'),
    );
    const posted = await post(other, e);
    expect(posted.status).toBe(404);
    const body = JSON.parse(posted.text) as { errorCode: string; message: string };
    expect(body.errorCode).toBe('callback.unsupported_type');
    expect(body.message).toContain('nosuchprovider');
    expect(body.message).toContain('wechat_enterprise');
    const verify = await fetch(`${other}?${e.query}&echostr=abc`);
    expect(verify.status).toBe(404);
    expect(await verify.json()).toMatchObject({ errorCode: 'callback.unsupported_type' });
    expect((await eventsOf(w)).length).toBe(before);
  });

  it('reads the WeCom XML whatever content type it is labelled with (bodies are read raw)', async () => {
    const before = (await eventsOf(w)).length;
    const e = envelope(
      w,
      contactXml(
        w.corpId,
        `<ChangeType>delete_user</ChangeType><UserID>raw-${Math.random()}</UserID>`,
      ),
    );
    for (const type of ['application/json', 'text/plain', 'text/xml; charset=utf-8']) {
      const res = await fetch(`${w.url}?${e.query}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: e.body,
      });
      expect(res.status, type).toBe(200);
      expect(await res.text(), type).toBe('success');
    }
    const rows = (await eventsOf(w)).filter((r) => r.extId.startsWith('raw-'));
    expect(rows.map((r) => r.changeType)).toEqual(['member.left']);
    expect((await eventsOf(w)).length).toBe(before + 1);
  });

  it('refuses a WeCom GET without echostr as malformed (no verification)', async () => {
    const res = await fetch(`${w.url}?msg_signature=a&timestamp=1&nonce=2`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errorCode: 'callback.malformed' });
  });
});

const t = () => w.t;
