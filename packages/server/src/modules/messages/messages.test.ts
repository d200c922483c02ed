import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds, ageMessage, mirrorDepartment } from '../../../test/factories/messages';

const SEND_API = '/cgi-bin/message/send';
const RECALL_API = '/cgi-bin/message/recall';
const PUBLIC_URL = 'http://localhost:3000';

let sim: Simulator;
let simB: Simulator;
let t: TestApp;
let a: { tenant: TestTenant; admin: TestUser };
let b: { tenant: TestTenant; admin: TestUser };
let ext: string[];
let alice: TestUser;

beforeAll(async () => {
  sim = await startSimulator({ users: 40, departments: 6, seed: 21, latencyMs: 0 });
  simB = await startSimulator({ users: 10, departments: 2, seed: 22, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  a = await withWeComTenant(t, sim);
  b = await withWeComTenant(t, simB);
  ext = activeSimUserIds(sim);
  alice = await t.factories.user(a.tenant.id);
  await bindMember(t.db, {
    tenantId: a.tenant.id,
    userId: alice.id,
    corpId: sim.credentials.corpId,
    extUserId: ext[0]!,
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
  await simB?.close();
});
beforeEach(() => {
  sim.admin.resetCounts();
  sim.admin.clearFaults();
});

const compose = (body: Record<string, unknown>, who = a.admin) =>
  t.call('POST', '/sys/thirdApp/messages', body, { token: who.token });
const lastInbox = (userid: string) => sim.admin.messagesFor(userid).at(-1);
const wrapped = (path: string) =>
  `${PUBLIC_URL}/sys/thirdLogin/oauth2/wechat_enterprise/login?tenantId=${a.tenant.id}&redirect=${encodeURIComponent(path)}`;

describe('POST /sys/thirdApp/messages', () => {
  it('sends every message type and wraps links to this site in WeCom OAuth', async () => {
    const toUsers = [alice.username];
    const bodies: Record<string, unknown>[] = [
      { msgtype: 'text', content: '纯文本' },
      { msgtype: 'markdown', content: '# 标题\n> **重要**' },
      {
        msgtype: 'textcard',
        textcard: {
          title: '审批',
          description: '<div class="gray">今天</div>',
          url: '/tenantId/1?x=1',
        },
      },
      {
        msgtype: 'news',
        news: {
          articles: [
            { title: '内部', url: `${PUBLIC_URL}/messages#top` },
            { title: '外部', url: 'https://example.com/a?b=1' },
          ],
        },
      },
      {
        msgtype: 'template_card',
        template_card: {
          card_type: 'text_notice',
          main_title: { title: '通知', desc: '说明' },
          jump_list: [{ title: '查看', url: '/users' }],
          card_action: { url: 'https://example.com/card' },
        },
      },
      {
        msgtype: 'template_card',
        template_card: {
          card_type: 'news_notice',
          main_title: { title: '新闻' },
          card_image: { url: 'https://example.com/p.png', aspect_ratio: 2 },
          card_action: { url: '/home' },
        },
      },
    ];
    for (const body of bodies) {
      const res = await compose({ ...body, toUsers });
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.body.result).toMatchObject({
        status: 'sent',
        recipients: { delivered: toUsers, invalid: [], unbound: [], throttled: [] },
      });
    }
    expect(sim.admin.counts()[SEND_API]).toBe(bodies.length);
    const inbox = sim.admin.messagesFor(ext[0]!).slice(-bodies.length);
    expect(inbox.map((m) => m.msgtype)).toEqual(bodies.map((x) => x.msgtype));
    expect(inbox[2]!.content).toMatchObject({ url: wrapped('/tenantId/1?x=1') });
    const news = inbox[3]!.content as { articles: { url: string }[] };
    expect(news.articles[0]!.url).toBe(wrapped('/messages#top'));
    expect(news.articles[1]!.url).toBe('https://example.com/a?b=1');
    const card = inbox[4]!.content as {
      jump_list: { url: string }[];
      card_action: { url: string };
    };
    expect(card.jump_list[0]!.url).toBe(wrapped('/users'));
    expect(card.card_action.url).toBe('https://example.com/card');
    expect((inbox[5]!.content as { card_action: { url: string } }).card_action.url).toBe(
      wrapped('/home'),
    );
  });

  it("refuses content over WeCom's limits and bad links, naming the field", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ msgtype: 'markdown', content: 'x'.repeat(2049) }, 'messages.content_too_long', 'content'],
      [
        { msgtype: 'textcard', textcard: { title: '标'.repeat(43), description: 'd', url: '/a' } },
        'messages.content_too_long',
        'textcard.title',
      ],
      [
        {
          msgtype: 'textcard',
          textcard: { title: 't', description: 'd', url: '/a', btntxt: '五个字按钮' },
        },
        'messages.content_too_long',
        'textcard.btntxt',
      ],
      [
        {
          msgtype: 'textcard',
          textcard: { title: 't', description: 'd', url: 'javascript:alert(1)' },
        },
        'messages.invalid_link',
        'textcard.url',
      ],
      [{ msgtype: 'textcard' }, 'messages.content_required', 'textcard'],
      [
        {
          msgtype: 'template_card',
          template_card: {
            card_type: 'news_notice',
            main_title: { title: 'x' },
            card_action: { url: '/a' },
          },
        },
        'messages.template_card_incomplete',
        'template_card.card_image.url',
      ],
      [{ msgtype: 'text', content: 'x' }, 'messages.receiver_required', 'toUsers'],
    ];
    for (const [body, code, field] of cases) {
      const res = await compose({
        toUsers: [alice.username],
        ...body,
        ...(code === 'messages.receiver_required' ? { toUsers: [] } : {}),
      });
      expect(res.status, JSON.stringify(body).slice(0, 90)).toBe(400);
      expect(res.body.errorCode).toBe(code);
      expect(res.body.details?.field).toBe(field);
    }
    const nine = Array.from({ length: 9 }, (_, i) => ({ title: `a${i}` }));
    const tooMany = await compose({
      msgtype: 'news',
      news: { articles: nine },
      toUsers: [alice.username],
    });
    expect(tooMany.status).toBe(400);
    expect(sim.admin.counts()[SEND_API] ?? 0).toBe(0);
  });

  it('sends to mirrored departments and reports departments not synced from WeCom', async () => {
    const mirrored = await t.factories.department(a.tenant.id);
    const local = await t.factories.department(a.tenant.id);
    const wecomDept = sim.admin.listDepartments().find((d) => d.id !== 1)!;
    await mirrorDepartment(t.db, mirrored.id, String(wecomDept.id));
    const res = await compose({
      msgtype: 'text',
      content: 'to a department',
      toDepartments: [mirrored.id, local.id],
    });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      status: 'partial',
      departments: { delivered: [mirrored.id], invalid: [], unbound: [local.id] },
    });
    expect(sim.admin.allMessages().at(-1)!.toparty).toBe(String(wecomDept.id));
    const onlyLocal = await compose({ msgtype: 'text', content: 'x', toDepartments: [local.id] });
    expect(onlyLocal.status).toBe(400);
    expect(onlyLocal.body.errorCode).toBe('messages.no_deliverable_receivers');
  });
});

describe('message log and recall', () => {
  it('lists messages newest first with outcome counts and shows each recipient', async () => {
    const sent = await compose({
      msgtype: 'text',
      content: 'logged',
      toUsers: [alice.username, 'nobody_here'],
    });
    const id = sent.body.result.messageId;
    const list = await t.call('GET', '/sys/thirdApp/messages?pageSize=5', undefined, {
      token: a.admin.token,
    });
    expect(list.status).toBe(200);
    expect(list.body.result.records[0]).toMatchObject({
      id,
      source: 'composer',
      msgtype: 'text',
      summary: 'logged',
      senderUsername: a.admin.username,
      status: 'partial',
      counts: { delivered: 1, unbound: 1, invalid: 0, throttled: 0 },
      recallable: true,
      recalledAt: null,
    });
    const detail = await t.call('GET', `/sys/thirdApp/messages/${id}`, undefined, {
      token: a.admin.token,
    });
    expect(detail.body.result.content).toEqual({ msgtype: 'text', text: { content: 'logged' } });
    expect(detail.body.result.recipients).toEqual([
      {
        username: alice.username,
        userId: alice.id,
        wechatUserId: ext[0]!.toLowerCase(),
        outcome: 'delivered',
        msgid: sent.body.result.msgid,
      },
      {
        username: 'nobody_here',
        userId: null,
        wechatUserId: null,
        outcome: 'unbound',
        msgid: null,
      },
    ]);
    const member = await t.call('GET', '/sys/thirdApp/messages', undefined, { token: alice.token });
    expect(member.status).toBe(403);
  });

  it('recalls within 24 hours once, and explains the window after it', async () => {
    const sent = await compose({ msgtype: 'text', content: 'oops', toUsers: [alice.username] });
    const id = sent.body.result.messageId;
    const recall = () =>
      t.call('POST', `/sys/thirdApp/messages/${id}/recall`, undefined, { token: a.admin.token });
    const ok = await recall();
    expect(ok.status).toBe(200);
    expect(lastInbox(ext[0]!)).toMatchObject({ msgid: sent.body.result.msgid, recalled: true });
    const again = await recall();
    expect(again.status).toBe(409);
    expect(again.body.errorCode).toBe('messages.already_recalled');

    // Past 24 h by our log: refused without asking WeCom.
    const old = await compose({ msgtype: 'text', content: 'old', toUsers: [alice.username] });
    await ageMessage(t.db, old.body.result.messageId, 25);
    sim.admin.resetCounts();
    const late = await t.call(
      'POST',
      `/sys/thirdApp/messages/${old.body.result.messageId}/recall`,
      undefined,
      { token: a.admin.token },
    );
    expect(late.status).toBe(400);
    expect(late.body.errorCode).toBe('messages.recall_window_passed');
    expect(late.body.message).toContain('24');
    expect(sim.admin.counts()[RECALL_API] ?? 0).toBe(0);

    // Past 24 h by WeCom's clock (42052): the same explanation.
    const fresh = await compose({ msgtype: 'text', content: 'fresh', toUsers: [alice.username] });
    sim.admin.advanceClock(25 * 3600 * 1000);
    const expired = await t.call(
      'POST',
      `/sys/thirdApp/messages/${fresh.body.result.messageId}/recall`,
      undefined,
      { token: a.admin.token },
    );
    expect(expired.status).toBe(400);
    expect(expired.body.errorCode).toBe('messages.recall_window_passed');
    // The jump also expired the token: one recall, a new token, the recall again.
    expect(sim.admin.counts()[RECALL_API]).toBe(2);
  });

  it("keeps tenants apart: B cannot read, recall or reach A's members", async () => {
    const sent = await compose({ msgtype: 'text', content: 'A only', toUsers: [alice.username] });
    const id = sent.body.result.messageId;
    const asB = { token: b.admin.token };
    expect((await t.call('GET', `/sys/thirdApp/messages/${id}`, undefined, asB)).status).toBe(404);
    expect(
      (await t.call('POST', `/sys/thirdApp/messages/${id}/recall`, undefined, asB)).status,
    ).toBe(404);
    const listB = await t.call('GET', '/sys/thirdApp/messages?pageSize=100', undefined, asB);
    expect(listB.body.result.records.map((m: { id: number }) => m.id)).not.toContain(id);
    sim.admin.resetCounts();
    simB.admin.resetCounts();
    const push = await t.call(
      'POST',
      '/sys/thirdApp/sendMessageTest',
      { app: 'WECHAT_ENTERPRISE', receiver: alice.username, content: 'from B' },
      asB,
    );
    expect(push.status).toBe(400);
    expect(push.body.details).toMatchObject({ unbound: [alice.username] });
    expect(sim.admin.counts()[SEND_API] ?? 0).toBe(0);
    expect(simB.admin.counts()[SEND_API] ?? 0).toBe(0);
    // A member of A cannot send as A's admin, nor into B with B's header.
    const asAlice = await t.call(
      'POST',
      '/sys/thirdApp/messages',
      { msgtype: 'text', content: 'x', toAll: true },
      { token: alice.token, tenantId: b.tenant.id },
    );
    expect(asAlice.status).toBe(403);
    expect(lastInbox(ext[0]!)).toMatchObject({ msgid: sent.body.result.msgid });
  });
});
