import { describe, expect, it } from 'vitest';
import { client, useSim } from './helpers';

describe('work notices: send → getsendresult → recall', async () => {
  const sim = await useSim({ qps: 0 });
  const agentId = sim.credentials.agentId;

  it('reports delivered members unread, then read, and recall hides the notice', async () => {
    const dt = client(sim);
    const [a, b] = sim.admin.listUsers();
    const taskId = await dt.message.send({
      agentId,
      userIds: [a!.userid, b!.userid, 'nobody-here'],
      msg: { msgtype: 'markdown', markdown: { title: '通知', text: '**请于周五前提交**' } },
    });
    let result = await dt.message.getSendResult(agentId, taskId);
    expect(result.invalidUserIds).toEqual(['nobody-here']);
    expect(result.unreadUserIds.sort()).toEqual([a!.userid, b!.userid].sort());
    expect(result.readUserIds).toEqual([]);
    expect(sim.admin.inbox(a!.userid)[0]?.taskId).toBe(taskId);

    sim.admin.markRead(a!.userid);
    result = await dt.message.getSendResult(agentId, taskId);
    expect(result.readUserIds).toEqual([a!.userid]);
    expect(result.unreadUserIds).toEqual([b!.userid]);

    await dt.message.recall(agentId, taskId);
    expect(sim.admin.inbox(a!.userid)[0]?.recalled).toBe(true);
  });

  it('reads the progress of a task: processing, then done once DingTalk finished it', async () => {
    const dt = client(sim);
    const member = sim.admin.listUsers()[5]!;
    sim.admin.setSendProcessing(30_000);
    try {
      const taskId = await dt.message.send({
        agentId,
        userIds: [member.userid, 'ghost-user'],
        msg: { msgtype: 'text', text: { content: `progress ${Date.now()}` } },
      });
      expect(await dt.message.getSendProgress(agentId, taskId)).toEqual({
        status: 'processing',
        percent: 0,
      });
      // While processing only what is known at once is listed, and nobody has it yet.
      const partial = await dt.message.getSendResult(agentId, taskId);
      expect(partial.invalidUserIds).toEqual(['ghost-user']);
      expect(partial.unreadUserIds).toEqual([]);
      expect(sim.admin.inbox(member.userid).some((e) => e.taskId === taskId)).toBe(false);

      sim.admin.advanceClock(30_000);
      expect(await dt.message.getSendProgress(agentId, taskId)).toEqual({
        status: 'done',
        percent: 100,
      });
      expect((await dt.message.getSendResult(agentId, taskId)).unreadUserIds).toEqual([
        member.userid,
      ]);
      expect(sim.admin.inbox(member.userid)[0]?.taskId).toBe(taskId);
    } finally {
      sim.admin.setSendProcessing(0);
    }
  });

  it('drops the same content to the same member on the same day (forbidden, not an error)', async () => {
    const dt = client(sim);
    const u = sim.admin.listUsers()[5]!.userid;
    const msg = { msgtype: 'text' as const, text: { content: `once a day ${Date.now()}` } };
    const first = await dt.message.send({ agentId, userIds: [u], msg });
    const second = await dt.message.send({ agentId, userIds: [u], msg });
    expect((await dt.message.getSendResult(agentId, first)).forbiddenUserIds).toEqual([]);
    expect((await dt.message.getSendResult(agentId, second)).forbiddenUserIds).toEqual([u]);
    sim.admin.advanceClock(24 * 3_600_000);
    const nextDay = await dt.message.send({ agentId, userIds: [u], msg });
    expect((await dt.message.getSendResult(agentId, nextDay)).forbiddenUserIds).toEqual([]);
  });

  it('sends to a department and its sub-departments, flagging unknown department ids', async () => {
    const dt = client(sim);
    const taskId = await dt.message.send({
      agentId,
      deptIds: [2, 99_999],
      msg: { msgtype: 'text', text: { content: `dept ${Date.now()}` } },
    });
    const result = await dt.message.getSendResult(agentId, taskId);
    expect(result.invalidDeptIds).toEqual([99_999]);
    expect(result.unreadUserIds.length).toBeGreaterThanOrEqual(sim.admin.membersOf(2).length);
  });

  it('delivers to_all_user three times a day; a fourth send succeeds but reaches nobody', async () => {
    const dt = client(sim);
    const results = [];
    for (let i = 0; i < 4; i++) {
      const taskId = await dt.message.send({
        agentId,
        toAllUser: true,
        msg: { msgtype: 'text', text: { content: `all ${i} ${Date.now()}` } },
      });
      results.push(await dt.message.getSendResult(agentId, taskId));
    }
    const everyone = sim.admin.listUsers().length;
    expect(
      results
        .slice(0, 3)
        .every(
          (r) =>
            r.unreadUserIds.length + r.readUserIds.length + r.forbiddenUserIds.length === everyone,
        ),
    ).toBe(true);
    expect(results[3]!.forbiddenUserIds).toHaveLength(everyone);
    expect(results[3]!.unreadUserIds).toEqual([]);
  });

  it('rejects another app agent_id', async () => {
    const dt = client(sim);
    await expect(
      dt.message.send({
        agentId: agentId + 1,
        userIds: ['x'],
        msg: { msgtype: 'text', text: { content: 'x' } },
      }),
    ).rejects.toMatchObject({ errcode: 60011, kind: 'permission' });
  });
});
