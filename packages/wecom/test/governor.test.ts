import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGovernor, createMemoryTokenStore } from '../src/index';
import { appClient, count, recorder, startSim, type Simulator } from './helpers';

const LATENCY = 20;
let sim: Simulator;
let userIds: string[];
beforeAll(async () => {
  sim = await startSim({ latencyMs: LATENCY, concurrencyLimit: 5 });
  userIds = sim.admin.listUsers().map((u) => u.userid);
});
afterAll(() => sim.close());
beforeEach(() => sim.admin.reset());

const N = 100;

describe('governor against the simulator (latency 20 ms, 45033 above 5 in flight)', () => {
  it('never exceeds 5 in flight and keeps all 5 slots busy (close to the API-bound lower bound)', async () => {
    const governor = createGovernor(5);
    const rec = recorder();
    let busyMs = 0;
    const client = appClient(sim, {
      governor,
      onRequest: (api, ms, code) => {
        rec.onRequest(api, ms, code);
        if (api === 'user/get') busyMs += ms;
      },
    });
    await client.getToken();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: N }, (_, i) => client.user.get(userIds[i % userIds.length]!)),
    );
    const elapsed = performance.now() - started;
    const bound = (N * LATENCY) / 5;
    // Time-weighted mean of requests in flight: how well the governor keeps the pipe full,
    // independent of how slow each request is on a busy machine.
    const meanInFlight = busyMs / elapsed;
    console.info(
      `governor: ${N} user/get in ${elapsed.toFixed(0)} ms (bound ${bound} ms, ` +
        `${(elapsed / bound).toFixed(2)}x), mean in flight ${meanInFlight.toFixed(2)}`,
    );
    expect(rec.codes('user/get').filter((c) => c !== 0)).toEqual([]); // never a 45033
    expect(governor.peak('user/get')).toBe(5);
    expect(count(sim, 'user/get')).toBe(N);
    // Wall time depends on machine load (1.3–1.5x the bound idle, ~3x with load average 6 on
    // 2 cores) and is reported above; the mean in flight is the load-independent check that the
    // governor keeps 5 requests going rather than serialising them.
    expect(meanInFlight).toBeGreaterThan(4.5);
  });

  it('limits per API, not globally: two APIs run 5 + 5 side by side', async () => {
    const governor = createGovernor(5);
    const rec = recorder();
    const client = appClient(sim, { governor, onRequest: rec.onRequest });
    await client.getToken();
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => client.user.get(userIds[i]!)),
      ...Array.from({ length: 30 }, () => client.department.simplelist()),
    ]);
    expect(governor.peak('user/get')).toBe(5);
    expect(governor.peak('department/simplelist')).toBe(5);
    expect(rec.seen.filter((s) => !s.endsWith(' 0'))).toEqual([]);
  });

  it('clients of one corp share the process-wide limit (app secret + a second client)', async () => {
    const rec = recorder();
    const a = appClient(sim, { onRequest: rec.onRequest });
    const b = appClient(sim, { onRequest: rec.onRequest, tokenStore: createMemoryTokenStore() });
    await Promise.all([a.getToken(), b.getToken()]);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).user.get(userIds[i % userIds.length]!)),
    );
    expect(rec.codes('user/get').filter((c) => c !== 0)).toEqual([]);
  });

  it('when allowed more than WeCom accepts, 45033 answers are retried until every call succeeds', async () => {
    const rec = recorder();
    const client = appClient(sim, {
      governor: createGovernor(10),
      onRequest: rec.onRequest,
      retry: { maxAttempts: 10, baseDelayMs: 10, maxDelayMs: 80, maxTotalMs: 10_000 },
    });
    await client.getToken();
    const got = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.user.get(userIds[i]!)),
    );
    expect(got.map((u) => u.userId)).toEqual(userIds.slice(0, 40));
    const codes = rec.codes('user/get');
    expect(codes.filter((c) => c === 45033).length).toBeGreaterThan(0);
    expect(codes.filter((c) => c === 0)).toHaveLength(40);
  });
});
