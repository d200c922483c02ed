import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app';
import type { TestTenant, TestUser } from '../../../test/factories';
import { bindMember } from '../../../test/factories/bindings';
import { activeSimUserIds } from '../../../test/factories/messages';
import { messages } from '../../db/schema';
import { rowsOf } from '../../lib/sql';

/**
 * Issue 19 through the HTTP API and the WeCom simulator: sendMessageTest's JeecgBoot `msgType`,
 * the connector chosen by `app`, and rows stored before the neutral model (or in its shape) still
 * listed, shown, exported and recalled.
 */
let sim: Simulator;
let t: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let alice: TestUser;
let ext: string[];

beforeAll(async () => {
  sim = await startSimulator({ users: 10, departments: 2, seed: 41, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  ({ tenant, admin } = await withWeComTenant(t, sim));
  ext = activeSimUserIds(sim);
  alice = await t.factories.user(tenant.id);
  await bindMember(t.db, {
    tenantId: tenant.id,
    userId: alice.id,
    corpId: sim.credentials.corpId,
    extUserId: ext[0]!,
  });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const asAdmin = () => ({ token: admin.token });
const push = (body: Record<string, unknown>) =>
  t.call('POST', '/sys/thirdApp/sendMessageTest', body, asAdmin());

describe('sendMessageTest with JeecgBoot msgType', () => {
  it('sends markdown to WeCom when msgType says so, text by default', async () => {
    const md = await push({
      app: 'WECHAT_ENTERPRISE',
      msgType: 'markdown',
      receiver: alice.username,
      content: '## 周会\n> 三点',
    });
    expect(md.status).toBe(200);
    const last = sim.admin.messagesFor(ext[0]!).at(-1)!;
    expect(last).toMatchObject({ msgtype: 'markdown', content: { content: '## 周会\n> 三点' } });
    const detail = await t.call(
      'GET',
      `/sys/thirdApp/messages/${md.body.result.messageId}`,
      undefined,
      asAdmin(),
    );
    expect(detail.body.result).toMatchObject({
      msgtype: 'markdown',
      summary: '## 周会\n> 三点',
      content: { msgtype: 'markdown', markdown: { content: '## 周会\n> 三点', title: '周会' } },
    });
    const text = await push({ app: 'WECHAT_ENTERPRISE', receiver: alice.username, content: 'hi' });
    expect(text.status).toBe(200);
    expect(sim.admin.messagesFor(ext[0]!).at(-1)).toMatchObject({ msgtype: 'text' });
  });

  it('refuses a msgType it cannot send and an app with no connector, saying what to use', async () => {
    const image = await push({
      app: 'WECHAT_ENTERPRISE',
      msgType: 'image',
      receiver: alice.username,
      content: 'x',
    });
    expect(image.status).toBe(400);
    expect(image.body.errorCode).toBe('messages.unsupported_type');
    expect(image.body.details).toMatchObject({ field: 'msgType', supported: ['text', 'markdown'] });
    const feishu = await push({ app: 'FEISHU', receiver: alice.username, content: 'x' });
    expect(feishu.status).toBe(400);
    expect(feishu.body.errorCode).toBe('messages.unsupported_app');
    expect(feishu.body.details).toMatchObject({
      field: 'app',
      supported: ['WECHAT_ENTERPRISE', 'DINGTALK'],
    });
    expect(feishu.body.message).toContain('WECHAT_ENTERPRISE');
    // DingTalk is installed but this tenant has not connected it: a 4xx saying so, nothing sent.
    const ding = await push({ app: 'DINGTALK', receiver: alice.username, content: 'x' });
    expect(ding.status).toBe(400);
    expect(ding.body.errorCode).toBe('third_app.not_configured');
    expect(ding.body.message).toContain('钉钉尚未配置');
  });
});

describe('rows stored before the neutral message model', () => {
  it('are listed, shown and exported as before; a row in the neutral shape too', async () => {
    const row = (msgtype: string, content: Record<string, unknown>) => ({
      tenantId: tenant.id,
      thirdType: 'wechat_enterprise' as const,
      source: 'composer' as const,
      senderUserId: admin.id,
      senderUsername: admin.username,
      msgtype,
      content,
      target: { toUsers: [alice.username], toDepartments: [], toAll: false },
      status: 'sent' as const,
      msgIds: ['old-msgid'],
    });
    const legacy = {
      msgtype: 'news',
      news: {
        articles: [
          { title: '旧新闻', description: 'd', url: 'https://example.com', picurl: 'https://p' },
        ],
      },
    };
    const neutral = { type: 'card', title: '中性卡片', description: 'd', url: 'https://x' };
    const [old, neu] = await t.db
      .insert(messages)
      .values([row('news', legacy), row('textcard', neutral)])
      .returning({ id: messages.id });
    const list = await t.call(
      'GET',
      '/sys/thirdApp/messages?page=1&pageSize=50',
      undefined,
      asAdmin(),
    );
    const byId = new Map(
      (list.body.result.records as { id: number; summary: string }[]).map((r) => [r.id, r]),
    );
    expect(byId.get(old!.id)).toMatchObject({ summary: '旧新闻', msgtype: 'news' });
    expect(byId.get(neu!.id)).toMatchObject({ summary: '中性卡片', msgtype: 'textcard' });
    const detail = await t.call('GET', `/sys/thirdApp/messages/${old!.id}`, undefined, asAdmin());
    expect(detail.body.result.content).toEqual(legacy);
    const csv = await t.call('GET', '/sys/thirdApp/messages/export', undefined, asAdmin());
    expect(csv.status).toBe(200);
    expect(csv.body.raw).toContain('旧新闻');
    expect(csv.body.raw).toContain('中性卡片');
  });

  it('recalls a row whatever the shape of its content', async () => {
    const sent = await push({
      app: 'WECHAT_ENTERPRISE',
      receiver: alice.username,
      content: 'undo me',
    });
    const id = sent.body.result.messageId as number;
    await t.db
      .update(messages)
      .set({ content: { type: 'text', text: 'undo me' } })
      .where(eq(messages.id, id));
    const res = await t.call('POST', `/sys/thirdApp/messages/${id}/recall`, undefined, asAdmin());
    expect(res.status).toBe(200);
    expect(sim.admin.messagesFor(ext[0]!).at(-1)).toMatchObject({
      msgid: sent.body.result.msgid,
      recalled: true,
    });
    const [m] = rowsOf<{ recalled_at: unknown }>(
      await t.db.execute(sql`select recalled_at from messages where id = ${id}`),
    );
    expect(m!.recalled_at).not.toBeNull();
  });
});
