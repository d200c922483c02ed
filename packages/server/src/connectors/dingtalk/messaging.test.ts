import { describe, expect, it } from 'vitest';
import { ConnectorError, type Message } from '../kit';
import { MAX_MSG_BYTES, toWorkNotice } from './messaging';
import { connect, useDingTalkSim } from './testing';

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as ConnectorError,
  );

describe('DingTalk work notices over the simulator', async () => {
  const sim = await useDingTalkSim();

  it('sends, reads the outcome (processing → done, delivered, read) and recalls it from the inbox', async () => {
    sim.admin.reset();
    sim.admin.setSendProcessing(20_000);
    const { instance } = connect(sim);
    const [a, b] = sim.admin.listUsers();
    const sent = await instance.messaging.send({
      toUsers: [a!.userid, b!.userid, 'no-such-user'],
      content: { type: 'markdown', title: '通知', text: '**周五前提交**' },
    });
    expect(sent.msgId).toMatch(/^\d+$/);

    const pending = await instance.messaging.outcome!(sent.msgId);
    expect(pending.done).toBe(false);
    expect(pending.delivered).toEqual([]);
    expect(pending.failed).toEqual([{ userId: 'no-such-user', reason: 'invalid' }]);

    sim.admin.advanceClock(20_000);
    const done = await instance.messaging.outcome!(sent.msgId);
    expect(done.done).toBe(true);
    expect(done.delivered.sort()).toEqual([a!.userid, b!.userid].sort());
    expect(done.read).toEqual([]);
    const entry = sim.admin.inbox(a!.userid)[0]!;
    expect(entry).toMatchObject({
      taskId: Number(sent.msgId),
      msgtype: 'markdown',
      recalled: false,
    });
    expect(entry.msg).toMatchObject({ markdown: { title: '通知', text: '**周五前提交**' } });

    sim.admin.markRead(a!.userid);
    expect((await instance.messaging.outcome!(sent.msgId)).read).toEqual([a!.userid]);

    await instance.messaging.recall(sent.msgId);
    expect(sim.admin.inbox(a!.userid)[0]?.recalled).toBe(true);
    expect(sim.admin.inbox(b!.userid)[0]?.recalled).toBe(true);
  });

  it('reports members flow control dropped (the same content twice a day) as failed', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const u = sim.admin.listUsers()[3]!;
    const content: Message = { type: 'text', text: 'same content' };
    const first = await instance.messaging.send({ toUsers: [u.userid], content });
    const second = await instance.messaging.send({ toUsers: [u.userid], content });
    expect((await instance.messaging.outcome!(first.msgId)).delivered).toEqual([u.userid]);
    const dropped = await instance.messaging.outcome!(second.msgId);
    expect(dropped).toMatchObject({ done: true, delivered: [] });
    expect(dropped.failed).toEqual([{ userId: u.userid, reason: 'forbidden' }]);
  });

  it('sends cards as action_card and one-article news as link, to departments and to everyone', async () => {
    sim.admin.reset();
    const { instance } = connect(sim);
    const card = await instance.messaging.send({
      toDepartments: ['2'],
      content: {
        type: 'card',
        title: '审批',
        description: '请处理',
        url: 'https://example.com/a',
        buttonText: '去处理',
      },
    });
    const member = sim.admin.membersOf(2)[0]!;
    expect(sim.admin.inbox(member.userid)[0]).toMatchObject({
      taskId: Number(card.msgId),
      msgtype: 'action_card',
      msg: {
        action_card: {
          title: '审批',
          markdown: '请处理',
          single_title: '去处理',
          single_url: 'https://example.com/a',
        },
      },
    });
    const news = await instance.messaging.send({
      toAll: true,
      content: {
        type: 'news',
        articles: [
          { title: '公告', url: 'https://example.com/n', imageUrl: 'https://example.com/p.png' },
        ],
      },
    });
    const anyone = sim.admin.listUsers().at(-1)!;
    expect(sim.admin.inbox(anyone.userid)[0]).toMatchObject({
      taskId: Number(news.msgId),
      msgtype: 'link',
      msg: {
        link: {
          title: '公告',
          messageUrl: 'https://example.com/n',
          picUrl: 'https://example.com/p.png',
        },
      },
    });
  });

  it('refuses what work notices cannot carry, before calling DingTalk, naming what to change', async () => {
    const { instance } = connect(sim);
    const before = sim.admin.counts()['topapi/message/corpconversation/asyncsend_v2'] ?? 0;
    const interactive = await errorOf(
      instance.messaging.send({ toUsers: ['x'], content: { type: 'interactive', card: {} } }),
    );
    expect(interactive).toBeInstanceOf(ConnectorError);
    expect(interactive.kind).toBe('input');
    expect(interactive.info.explanation.en.fix).toContain('text, markdown, card');
    const twoArticles = await errorOf(
      instance.messaging.send({
        toUsers: ['x'],
        content: {
          type: 'news',
          articles: [
            { title: 'a', url: 'https://a' },
            { title: 'b', url: 'https://b' },
          ],
        },
      }),
    );
    expect(twoArticles.kind).toBe('input');
    const tooLong = await errorOf(
      instance.messaging.send({
        toUsers: ['x'],
        content: { type: 'text', text: '长'.repeat(700) },
      }),
    );
    expect(tooLong.message).toContain(String(MAX_MSG_BYTES));
    const tooMany = await errorOf(
      instance.messaging.send({
        toUsers: Array.from({ length: 101 }, (_, i) => `u${i}`),
        content: { type: 'text', text: 'hi' },
      }),
    );
    expect(tooMany.info.explanation['zh-CN'].cause).toContain('100');
    expect(sim.admin.counts()['topapi/message/corpconversation/asyncsend_v2'] ?? 0).toBe(before);
  });

  it('fits a text of 2,000 bytes within the 2,048-byte msg', () => {
    const msg = toWorkNotice({ type: 'text', text: 'a'.repeat(2_000) });
    expect(Buffer.byteLength(JSON.stringify(msg))).toBeLessThanOrEqual(MAX_MSG_BYTES);
  });

  it('surfaces a wrong AgentId as a permission error with an explanation', async () => {
    sim.admin.reset();
    const { instance } = connect(sim, { agentId: 42 });
    const err = await errorOf(
      instance.messaging.send({
        toUsers: [sim.admin.listUsers()[0]!.userid],
        content: { type: 'text', text: 'x' },
      }),
    );
    expect(err.info.providerCode).toBe(60011);
    expect(err.kind).toBe('permission');
  });
});
