import { afterEach, describe, expect, it } from 'vitest';
import type { DingTalkError } from '../src/index';
import { LOCAL_ERRCODE } from '../src/index';
import { client, count, errorOf, recorder, useSim } from './helpers';

const GET = 'topapi/v2/user/get';
const SEND = 'topapi/message/corpconversation/asyncsend_v2';

describe('retries on transient answers', async () => {
  const sim = await useSim({ qps: 0, faultHoldMs: 3_000 });
  const userid = () => sim.admin.listUsers()[0]!.userid;
  afterEach(() => sim.admin.clearFaults());

  it('retries a transient errcode (-1) and succeeds', async () => {
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest });
    await dt.getToken();
    sim.admin.injectFault({ api: GET, errcode: -1, times: 2 });
    await dt.user.get(userid());
    expect(rec.codes(GET)).toEqual([-1, -1, 0]);
  });

  it('retries the QPS refusal 90018 and the temporary ban 90002', async () => {
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest });
    await dt.getToken();
    sim.admin.injectFault({ api: GET, errcode: 90018, times: 1 });
    sim.admin.injectFault({ api: GET, errcode: 90002, times: 1 });
    await dt.user.get(userid());
    expect(rec.codes(GET)).toEqual([90018, 90002, 0]);
  });

  it('classifies errcode 88 by its sub_code and does not retry a missing permission', async () => {
    const dt = client(sim);
    await dt.getToken();
    sim.admin.injectFault({ api: GET, errcode: 88, subCode: '60011' });
    const err = (await errorOf(dt.user.get(userid()))) as DingTalkError;
    expect(err.errcode).toBe(88);
    expect(err.subCode).toBe('60011');
    expect(err.kind).toBe('permission');
    expect(err.explain('en').title).toBe('No permission for this interface');
    expect(count(sim, GET)).toBeGreaterThan(0);
  });

  it('retries an unreadable body and a reset for an idempotent read', async () => {
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest });
    await dt.getToken();
    sim.admin.injectFault({ api: GET, kind: 'malformed', times: 1 });
    sim.admin.injectFault({ api: GET, kind: 'reset', times: 1 });
    await dt.user.get(userid());
    expect(rec.codes(GET)).toEqual([LOCAL_ERRCODE.badResponse, LOCAL_ERRCODE.network, 0]);
  });

  it('does not repeat a work notice whose outcome is unknown (timeout)', async () => {
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest, timeoutMs: 300 });
    await dt.getToken();
    sim.admin.injectFault({ api: SEND, kind: 'timeout', times: 1 });
    const err = (await errorOf(
      dt.message.send({
        agentId: sim.credentials.agentId,
        userIds: [userid()],
        msg: { msgtype: 'text', text: { content: 'x' } },
      }),
    )) as DingTalkError;
    expect(err.errcode).toBe(LOCAL_ERRCODE.timeout);
    expect(err.uncertain).toBe(true);
    expect(rec.codes(SEND)).toEqual([LOCAL_ERRCODE.timeout]);
  });

  it('retries a refused connection even for a send (nothing was sent)', async () => {
    const rec = recorder();
    const retry = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 };
    const dt = client(sim, { oapiBase: 'http://127.0.0.1:9', onRequest: rec.onRequest, retry });
    const err = (await errorOf(
      dt.message.send({
        agentId: 1,
        userIds: ['a'],
        msg: { msgtype: 'text', text: { content: 'x' } },
      }),
    )) as DingTalkError;
    expect(err.errcode).toBe(LOCAL_ERRCODE.network);
    expect(err.uncertain).toBe(false);
    expect(rec.codes(SEND)).toEqual([LOCAL_ERRCODE.network, LOCAL_ERRCODE.network]);
  });
});
