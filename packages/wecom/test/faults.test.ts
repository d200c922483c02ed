import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, LOCAL_ERRCODE, WeComError } from '../src/index';
import {
  appClient,
  contactClient,
  count,
  errorOf,
  recorder,
  startSim,
  type Simulator,
} from './helpers';

let sim: Simulator;
let userid: string;
const text = (touser: string) =>
  ({
    touser,
    agentid: sim.credentials.agentId,
    msgtype: 'text',
    text: { content: 'hello' },
  }) as const;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.admin.reset();
  sim.admin.setFaultHoldMs(3_000);
  userid = sim.admin.listUsers().find((u) => u.status === 1)!.userid;
});

describe('retried faults (WeCom answered and did not act)', () => {
  it.each([-1, 45009, 45033])('errcode %i on a read is retried with backoff', async (errcode) => {
    const rec = recorder();
    const client = appClient(sim, { onRequest: rec.onRequest });
    sim.admin.injectFaults({ api: 'user/get', errcode, times: 2 });
    await expect(client.user.get(userid)).resolves.toMatchObject({ userId: userid });
    expect(rec.codes('user/get')).toEqual([errcode, errcode, 0]);
  });

  it.each([-1, 45009, 45033])(
    'errcode %i on message/send is retried and delivers once',
    async (errcode) => {
      const client = appClient(sim);
      sim.admin.injectFaults({ api: 'message/send', errcode, times: 1 });
      const res = await client.message.send(text(userid));
      expect(res.msgId).toBeTruthy();
      expect(count(sim, 'message/send')).toBe(2);
      expect(sim.admin.messagesFor(userid)).toHaveLength(1);
    },
  );

  it('gives up after maxAttempts and reports the last error', async () => {
    const client = appClient(sim, { retry: { maxAttempts: 3 } });
    sim.admin.injectFaults({ api: 'department/list', errcode: -1 });
    const err = await errorOf(client.department.list());
    expect(err).toMatchObject({ errcode: -1, kind: 'transient', retryable: true });
    expect(count(sim, 'department/list')).toBe(3);
  });

  it('gives up when the total time budget would be exceeded', async () => {
    const client = appClient(sim, {
      retry: { maxAttempts: 1_000, baseDelayMs: 40, maxDelayMs: 100, maxTotalMs: 400 },
    });
    sim.admin.injectFaults({ api: 'department/list', errcode: 45009 });
    const started = Date.now();
    await expect(client.department.list()).rejects.toMatchObject({ errcode: 45009, kind: 'rate' });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(count(sim, 'department/list')).toBeLessThan(1_000);
  });
});

describe('45033: too many calls in flight (another process or app of the corp was calling)', () => {
  it('is retried with backoff until WeCom takes the call, beyond the attempt budget', async () => {
    const rec = recorder();
    // The default attempt budget (4), shorter 45033 delays to keep the test quick.
    const client = appClient(sim, {
      onRequest: rec.onRequest,
      retry: { busyBaseDelayMs: 5, busyMaxDelayMs: 40 },
    });
    expect(DEFAULT_RETRY.busyAttempts).toBeGreaterThan(8);
    await client.getToken();
    sim.admin.injectFaults({ api: 'message/send', errcode: 45033, times: 8 });
    const started = Date.now();
    const res = await client.message.send(text(userid));
    expect(res.msgId).toBeTruthy();
    expect(rec.codes('message/send')).toEqual([...Array(8).fill(45033), 0]);
    expect(sim.admin.messagesFor(userid)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(DEFAULT_RETRY.maxTotalMs);
  });

  it('still ends: after busyAttempts, or when the time budget would be exceeded', async () => {
    const client = appClient(sim, {
      retry: { busyAttempts: 5, busyBaseDelayMs: 5, busyMaxDelayMs: 20 },
    });
    sim.admin.injectFaults({ api: 'department/list', errcode: 45033 });
    await expect(client.department.list()).rejects.toMatchObject({ errcode: 45033, kind: 'rate' });
    expect(count(sim, 'department/list')).toBe(5);

    sim.admin.resetCounts();
    const timed = appClient(sim, {
      retry: { busyAttempts: 1_000, busyBaseDelayMs: 40, busyMaxDelayMs: 100, maxTotalMs: 400 },
    });
    const started = Date.now();
    await expect(timed.department.list()).rejects.toMatchObject({ errcode: 45033 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(count(sim, 'department/list')).toBeLessThan(1_000);
  });
});

describe('never retried', () => {
  it('60020: network-policy error with the caller IP and the 企业可信IP fix', async () => {
    sim.admin.setTrustedIps(['203.0.113.9']);
    const err = await errorOf(appClient(sim).user.get(userid));
    expect(err).toBeInstanceOf(WeComError);
    const e = err as WeComError;
    expect(e).toMatchObject({
      errcode: 60020,
      kind: 'network-policy',
      retryable: false,
      fromIp: '127.0.0.1',
    });
    expect(e.explain('zh-CN').fix).toContain('127.0.0.1');
    expect(e.explain('zh-CN').fix).toContain('企业可信IP');
    expect(count(sim, 'user/get')).toBe(1);
    expect(count(sim, 'gettoken')).toBe(1); // gettoken itself is not IP-checked
  });

  it('48002: user/list_id with the app secret (wrong secret kind)', async () => {
    const err = await errorOf(appClient(sim).user.listId());
    expect(err).toMatchObject({ errcode: 48002, kind: 'permission', retryable: false });
    expect(count(sim, 'user/list_id')).toBe(1);
  });

  it('48009: contact-sync secret reading details from a new IP', async () => {
    const err = await errorOf(contactClient(sim).user.get(userid));
    expect(err).toMatchObject({ errcode: 48009, kind: 'permission' });
    expect(count(sim, 'user/get')).toBe(1);
  });

  it('60011 (outside the visible range) on department/get', async () => {
    const child = sim.admin.listDepartments().find((d) => d.parentid === 1)!;
    sim.admin.setVisibleRange({ departments: [child.id] });
    const err = await errorOf(appClient(sim).department.get(1)); // the root is outside the range
    expect(err).toMatchObject({ errcode: 60011, kind: 'permission', retryable: false });
    expect(count(sim, 'department/get')).toBe(1);
  });

  it('81013: every recipient invalid, with the invalid users in the error body', async () => {
    const err = await errorOf(appClient(sim).message.send(text('Nobody1|NOBODY2')));
    expect(err).toMatchObject({ errcode: 81013, kind: 'permission' });
    expect(String((err as WeComError).body?.invaliduser)).toBe('nobody1|nobody2');
    expect(count(sim, 'message/send')).toBe(1);
  });

  it('40029: an unknown OAuth code', async () => {
    const err = await errorOf(appClient(sim).auth.getUserInfo('not-a-code'));
    expect(err).toMatchObject({ errcode: 40029, kind: 'input', retryable: false });
    expect(count(sim, 'auth/getuserinfo')).toBe(1);
  });
});

describe('transport faults', () => {
  it.each(['timeout', 'reset', 'malformed'] as const)('%s on a read is retried', async (kind) => {
    const rec = recorder();
    const client = appClient(sim, { timeoutMs: 300, onRequest: rec.onRequest });
    sim.admin.injectFaults({ api: 'user/get', kind, times: 1 });
    await expect(client.user.get(userid)).resolves.toMatchObject({ userId: userid });
    const first = {
      timeout: LOCAL_ERRCODE.timeout,
      reset: LOCAL_ERRCODE.network,
      malformed: LOCAL_ERRCODE.badResponse,
    }[kind];
    expect(rec.codes('user/get')).toEqual([first, 0]);
  });

  it.each(['timeout', 'reset', 'malformed'] as const)(
    '%s on message/send is not retried: reported as uncertain (it may have been delivered)',
    async (kind) => {
      const client = appClient(sim, { timeoutMs: 300 });
      await client.getToken();
      sim.admin.injectFaults({ api: 'message/send', kind, times: 1 });
      const err = await errorOf(client.message.send(text(userid)));
      expect(err).toMatchObject({ uncertain: true, retryable: true });
      expect(['network', 'transient']).toContain((err as WeComError).kind);
      expect(count(sim, 'message/send')).toBe(1);
    },
  );

  it('a timeout is bounded by timeoutMs per attempt', async () => {
    const client = appClient(sim, { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    await client.getToken();
    sim.admin.injectFaults({ api: 'department/simplelist', kind: 'timeout' });
    const started = Date.now();
    const err = await errorOf(client.department.simplelist());
    expect(err).toMatchObject({ errcode: LOCAL_ERRCODE.timeout, kind: 'network' });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(count(sim, 'department/simplelist')).toBe(2);
  });
});
