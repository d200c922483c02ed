import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryTokenStore } from '../src/index';
import {
  appClient,
  count,
  errorOf,
  recorder,
  sharedStores,
  startSim,
  type Simulator,
} from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
beforeEach(() => sim.admin.reset());

describe('access_token against the simulator', () => {
  it('100 concurrent calls on a cold cache make exactly one gettoken', async () => {
    const client = appClient(sim);
    const users = sim.admin
      .listUsers()
      .filter((u) => u.status === 1)
      .slice(0, 20);
    const calls = Array.from({ length: 100 }, (_, i) =>
      client.user.get(users[i % users.length]!.userid),
    );
    const got = await Promise.all(calls);
    expect(got).toHaveLength(100);
    expect(count(sim, 'gettoken')).toBe(1);
    expect(count(sim, 'user/get')).toBe(100);
  });

  it('clients sharing a store (one per request, as a server might) share one gettoken', async () => {
    const tokenStore = createMemoryTokenStore();
    const tokens = await Promise.all(
      Array.from({ length: 100 }, () => appClient(sim, { tokenStore }).getToken()),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(count(sim, 'gettoken')).toBe(1);
  });

  it('three processes with a locking shared store make one gettoken; without the lock, three', async () => {
    const run = async (stores: ReturnType<typeof sharedStores>) => {
      sim.admin.reset();
      await Promise.all(
        stores.flatMap((tokenStore) => {
          const c = appClient(sim, { tokenStore });
          return Array.from({ length: 30 }, () => c.department.simplelist());
        }),
      );
      return count(sim, 'gettoken');
    };
    expect(await run(sharedStores(3, true))).toBe(1);
    expect(await run(sharedStores(3, false))).toBe(3);
  });

  it.each([42001, 40014] as const)(
    'expired token (%i) is refreshed and the call retried once',
    async (code) => {
      const rec = recorder();
      const client = appClient(sim, { onRequest: rec.onRequest });
      await client.department.simplelist();
      sim.admin.expireTokens(code);
      const depts = await client.department.simplelist();
      expect(depts.length).toBeGreaterThan(0);
      expect(rec.codes('department/simplelist')).toEqual([0, code, 0]);
      expect(count(sim, 'gettoken')).toBe(2);
    },
  );

  it('a token refused mid-run (injected 40014) is refreshed; a second refusal is not looped on', async () => {
    const client = appClient(sim);
    const userid = sim.admin.listUsers()[0]!.userid;
    await client.user.get(userid);
    sim.admin.injectFaults({ api: 'user/get', errcode: 40014, times: 1 });
    await expect(client.user.get(userid)).resolves.toMatchObject({ userId: userid });
    sim.admin.injectFaults({ api: 'user/get', errcode: 42001, times: 2 });
    const err = await errorOf(client.user.get(userid));
    expect(err).toMatchObject({ errcode: 42001, kind: 'token', api: 'user/get' });
    // 1 + (40014, ok) + (42001, 42001): refreshed once per call, never in a loop.
    expect(count(sim, 'user/get')).toBe(5);
    expect(count(sim, 'gettoken')).toBe(3);
  });

  it('41001 (token missing) also triggers one refresh and retry', async () => {
    const rec = recorder();
    const client = appClient(sim, { onRequest: rec.onRequest });
    sim.admin.injectFaults({ api: 'department/get', errcode: 41001, times: 1 });
    await expect(client.department.get(1)).resolves.toMatchObject({ id: 1 });
    expect(rec.codes('department/get')).toEqual([41001, 0]);
    expect(count(sim, 'gettoken')).toBe(2);
  });

  it('a wrong secret fails with 40001, explained, without retries', async () => {
    const client = appClient(sim, { secret: 'wrong-secret' });
    const err = await errorOf(client.department.list());
    expect(err).toMatchObject({ errcode: 40001, kind: 'token', retryable: false, api: 'gettoken' });
    expect((err as { explain: (l: 'en') => { fix: string } }).explain('en').fix).toMatch(/Secret/);
    expect(count(sim, 'gettoken')).toBe(1);
    expect(count(sim, 'department/list')).toBe(0);
  });
});
