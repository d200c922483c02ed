import { describe, expect, it } from 'vitest';
import { appToken, call, useSimulator } from './helpers';

describe('work-notice tasks that take time (getsendprogress)', async () => {
  const sim = await useSimulator({ qps: 0, sendProcessingMs: 10_000 });
  const agent_id = sim.credentials.agentId;

  it('answers status 1 while processing and 2 after, and only then fills results and inboxes', async () => {
    const token = await appToken(sim);
    const member = sim.admin.listUsers()[0]!;
    const sent = await call(sim, 'topapi/message/corpconversation/asyncsend_v2', {
      token,
      body: {
        agent_id,
        userid_list: member.userid,
        msg: { msgtype: 'text', text: { content: 'x' } },
      },
    });
    const task_id = sent.body.task_id as number;
    const progress = () =>
      call(sim, 'topapi/message/corpconversation/getsendprogress', {
        token,
        body: { agent_id, task_id },
      });
    const result = () =>
      call(sim, 'topapi/message/corpconversation/getsendresult', {
        token,
        body: { agent_id, task_id },
      });
    expect((await progress()).body.progress).toEqual({ progress_in_percent: 0, status: 1 });
    expect((await result()).body.send_result).toMatchObject({ unread_user_id_list: [] });
    expect(sim.admin.inbox(member.userid)).toEqual([]);
    sim.admin.advanceClock(10_000);
    expect((await progress()).body.progress).toEqual({ progress_in_percent: 100, status: 2 });
    expect((await result()).body.send_result).toMatchObject({
      unread_user_id_list: [member.userid],
    });
    expect(sim.admin.inbox(member.userid)).toHaveLength(1);
  });

  it('answers 400002 for an unknown task and 60011 for another app’s agent_id', async () => {
    const token = await appToken(sim);
    const unknown = await call(sim, 'topapi/message/corpconversation/getsendprogress', {
      token,
      body: { agent_id, task_id: 1 },
    });
    expect(unknown.body.errcode).toBe(400002);
    const other = await call(sim, 'topapi/message/corpconversation/getsendprogress', {
      token,
      body: { agent_id: agent_id + 1, task_id: 1 },
    });
    expect(other.body.errcode).toBe(60011);
  });
});
