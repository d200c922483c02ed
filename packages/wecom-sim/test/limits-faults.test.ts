import { beforeEach, describe, expect, it } from 'vitest';
import { call, token, useSimulator } from './helpers';

const sim = await useSimulator({ seed: 11, faultHoldMs: 2000 });
const { admin } = sim;

beforeEach(() => admin.reset());

describe('limits', () => {
  it('refuses more than 5 concurrent requests per API with 45033, other APIs unaffected', async () => {
    const t = await token(sim);
    admin.setLatency(150);
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => call(sim, 'department/simplelist', { token: t })),
      call(sim, 'department/list', { token: t }),
    ]);
    const codes = results.map((r) => r.body.errcode);
    expect(codes.slice(0, 8).filter((c) => c === 0)).toHaveLength(5);
    expect(codes.slice(0, 8).filter((c) => c === 45033)).toHaveLength(3);
    expect(codes[8]).toBe(0);
    // The peak counts what clients sent at once, refused requests included.
    expect(admin.peakInFlight('department/simplelist')).toBe(8);
    expect(admin.peakInFlight('department/list')).toBe(1);
    admin.resetPeakInFlight();
    expect(admin.peakInFlight('department/simplelist')).toBe(0);
    expect(results.find((r) => r.body.errcode === 45033)!.body.errmsg).toMatch(
      /^api concurrent out of limit, hint/,
    );
  });

  it('blocks an API for the rest of the minute after its frequency limit (45009); messages are exempt', async () => {
    admin.setFreqLimit(3);
    const t = await token(sim);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await call(sim, 'department/simplelist', { token: t })).body.errcode);
    expect(codes).toEqual([0, 0, 0, 45009, 45009]);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(0);
    admin.advanceClock(60_000);
    expect(
      (await call(sim, 'department/simplelist', { token: await token(sim) })).body.errcode,
    ).toBe(0);
  });

  it('limits debug=1 calls to 5 per minute', async () => {
    const t = await token(sim);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (await call(sim, 'department/simplelist', { token: t, query: { debug: '1' } })).body
          .errcode,
      );
    expect(codes).toEqual([0, 0, 0, 0, 0, 45009]);
  });

  it('adds the configured latency and counts requests per API', async () => {
    const t = await token(sim);
    admin.resetCounts();
    admin.setLatency(100);
    const started = performance.now();
    await call(sim, 'department/simplelist', { token: t });
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(admin.counts()).toEqual({ '/cgi-bin/department/simplelist': 1 });
  });
});

describe('fault injection', () => {
  it('answers scripted errcodes a given number of times', async () => {
    const t = await token(sim);
    admin.injectFaults([
      { api: 'user/simplelist', errcode: -1, times: 2 },
      { api: '/cgi-bin/department/list', errcode: 60020, times: 1 },
    ]);
    const seq = [];
    for (let i = 0; i < 3; i++)
      seq.push(
        (await call(sim, 'user/simplelist', { token: t, query: { department_id: '1' } })).body
          .errcode,
      );
    expect(seq).toEqual([-1, -1, 0]);
    const ip = await call(sim, 'department/list', { token: t });
    expect(ip.body.errcode).toBe(60020);
    expect(ip.body.errmsg).toMatch(/from ip: 127\.0\.0\.1/);
    admin.injectFaults([
      { errcode: 45009, times: 1 },
      { errcode: 45033, times: 1 },
    ]);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(45009);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(45033);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(0);
  });

  it('kills the token when injecting 42001/40014', async () => {
    const t = await token(sim);
    admin.injectFaults({ api: 'department/list', errcode: 42001, times: 1 });
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(42001);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(42001);
    const fresh = await token(sim);
    expect(fresh).not.toBe(t);
    expect((await call(sim, 'department/list', { token: fresh })).body.errcode).toBe(0);
  });

  it('fails a seeded, reproducible share of requests by rate', async () => {
    const run = async () => {
      admin.reset();
      const t = await token(sim);
      admin.injectFaults({ api: 'department/simplelist', errcode: -1, rate: 0.3 });
      const codes: number[] = [];
      for (let i = 0; i < 60; i++)
        codes.push((await call(sim, 'department/simplelist', { token: t })).body.errcode);
      return codes;
    };
    const first = await run();
    const failures = first.filter((c) => c === -1).length;
    expect(failures).toBeGreaterThan(6);
    expect(failures).toBeLessThan(35);
    expect(await run()).toEqual(first);
  });

  it('holds requests past the client timeout', async () => {
    const t = await token(sim);
    admin.injectFaults({ api: 'department/list', kind: 'timeout', times: 1 });
    const started = performance.now();
    await expect(
      fetch(`${sim.url}/cgi-bin/department/list?access_token=${t}`, {
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(0);
  });

  it('resets connections and serves malformed JSON', async () => {
    const t = await token(sim);
    admin.injectFaults([
      { api: 'department/list', kind: 'reset', times: 1 },
      { api: 'user/get', kind: 'malformed', times: 1 },
    ]);
    await expect(fetch(`${sim.url}/cgi-bin/department/list?access_token=${t}`)).rejects.toThrow(
      /fetch failed/,
    );
    const res = await fetch(`${sim.url}/cgi-bin/user/get?access_token=${t}&userid=x`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    admin.clearFaults();
    expect((await call(sim, 'department/list', { token: t })).body.errcode).toBe(0);
  });
});
