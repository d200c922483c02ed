/** Shared set-up for the integration tests: a simulator on a random port and clients for it. */
import { afterAll } from 'vitest';
import { startSimulator, type Simulator, type SimOptions } from '@orgbridge/dingtalk-sim';
import { createDingTalkClient, createGovernor, type DingTalkClientOptions } from '../src/index';

export type { Simulator };

export async function useSim(opts: SimOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 7, users: 260, departments: 12, ...opts });
  afterAll(() => sim.close());
  return sim;
}

/** Fast retry settings so fault tests stay quick; the policy shape is what is under test. */
export const FAST_RETRY = {
  maxAttempts: 4,
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxTotalMs: 5_000,
  rateAttempts: 10,
  rateBaseDelayMs: 20,
  rateMaxDelayMs: 200,
};

/** A client with its own governor (so tests do not share QPS lanes) at the simulator's QPS. */
export function client(sim: Simulator, extra: Partial<DingTalkClientOptions> = {}) {
  return createDingTalkClient({
    appKey: sim.credentials.appKey,
    appSecret: sim.credentials.appSecret,
    apiBase: sim.url,
    oapiBase: sim.url,
    retry: FAST_RETRY,
    timeoutMs: 2_000,
    governor: createGovernor({ qps: sim.admin.limits().qps || 1_000 }),
    ...extra,
  });
}

/** Records every attempt the client made: `api errcode`. */
export function recorder() {
  const seen: string[] = [];
  return {
    seen,
    onRequest: (api: string, _ms: number, errcode: number) => void seen.push(`${api} ${errcode}`),
    codes: (api: string) =>
      seen.filter((s) => s.startsWith(`${api} `)).map((s) => Number(s.split(' ')[1])),
  };
}

export const count = (sim: Simulator, api: string): number => sim.admin.counts()[api] ?? 0;

export { sharedStores } from '@orgbridge/provider-kit/testing';

export const errorOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
