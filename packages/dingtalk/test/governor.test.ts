import { describe, expect, it } from 'vitest';
import { createGovernor } from '../src/index';
import { client, recorder, useSim } from './helpers';

const API = 'topapi/v2/user/get';

describe('QPS governor against the simulator limit', async () => {
  const sim = await useSim({ qps: 20 });

  it('never exceeds the simulator QPS and never sees 90018 for 90 concurrent calls', async () => {
    sim.admin.reset();
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest, governor: createGovernor({ qps: 20 }) });
    await dt.getToken();
    const users = sim.admin.listUsers().slice(0, 90);
    const started = Date.now();
    const got = await Promise.all(users.map((u) => dt.user.get(u.userid)));
    expect(got.map((u) => u.userid)).toEqual(users.map((u) => u.userid));
    expect(rec.codes(API).filter((c) => c !== 0)).toEqual([]);
    expect(sim.admin.peakQps(API)).toBeLessThanOrEqual(20);
    // 90 calls at 20 a second need at least four full windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
  }, 20_000);

  it('keeps the limit when network jitter reorders arrivals (0–400 ms per call)', async () => {
    sim.admin.reset();
    sim.admin.setLatency(0, 400);
    try {
      const rec = recorder();
      const dt = client(sim, { onRequest: rec.onRequest, governor: createGovernor({ qps: 20 }) });
      await dt.getToken();
      const users = sim.admin.listUsers().slice(0, 70);
      await Promise.all(users.map((u) => dt.user.get(u.userid)));
      expect(rec.codes(API).filter((c) => c !== 0)).toEqual([]);
    } finally {
      sim.admin.setLatency(0, 0);
    }
  }, 30_000);

  it('is what keeps the limit: paced above it, the simulator answers 90018 and the client retries', async () => {
    sim.admin.reset();
    const rec = recorder();
    // Far above the limit, so even a loaded machine that spreads the starts out still bursts;
    // the retries burst too, so some calls may run out of retries: only the refusal is asserted.
    const dt = client(sim, { onRequest: rec.onRequest, governor: createGovernor({ qps: 1000 }) });
    await dt.getToken();
    const users = sim.admin.listUsers().slice(0, 40);
    const got = await Promise.allSettled(users.map((u) => dt.user.get(u.userid)));
    expect(rec.codes(API)).toContain(90018);
    // Retried: more answers than calls, and the first window's worth got through.
    expect(rec.codes(API).length).toBeGreaterThan(40);
    expect(got.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(20);
  }, 30_000);
});

describe('createGovernor (unit, fake clock)', () => {
  it('starts at most qps calls per window, FIFO', async () => {
    let t = 0;
    const order: number[] = [];
    const g = createGovernor({
      qps: 3,
      perMinute: 0,
      marginMs: 0,
      now: () => t,
      sleep: (ms) => new Promise((r) => setImmediate(() => r(void (t += ms)))),
    });
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        g.run('a', async () => {
          order.push(i);
          starts.push(t);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    expect(g.peak('a')).toBe(3);
  });

  it('applies the per-minute window as well', async () => {
    let t = 0;
    const g = createGovernor({
      qps: 100,
      perMinute: 5,
      marginMs: 0,
      now: () => t,
      sleep: (ms) => new Promise((r) => setImmediate(() => r(void (t += ms)))),
    });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => g.run('a', async () => void starts.push(t))));
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts[5]).toBe(60_000);
  });

  it('refuses a non-positive qps', () => {
    expect(() => createGovernor({ qps: 0 })).toThrow(RangeError);
  });
});
