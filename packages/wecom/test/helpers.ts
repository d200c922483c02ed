/** Shared set-up for the integration tests: a simulator on a random port and clients for it. */
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { createWeComClient, type WeComClientOptions } from '../src/index';

export type { Simulator };

export function startSim(opts: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  return startSimulator({ seed: 7, users: 60, departments: 8, ...opts });
}

/** Fast retry settings so fault tests stay quick; the policy shape is what is under test. */
export const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40, maxTotalMs: 5_000 };

export function appClient(sim: Simulator, extra: Partial<WeComClientOptions> = {}) {
  return createWeComClient({
    corpId: sim.credentials.corpId,
    secret: sim.credentials.secret,
    apiBase: sim.url,
    retry: FAST_RETRY,
    timeoutMs: 2_000,
    ...extra,
  });
}

export function contactClient(sim: Simulator, extra: Partial<WeComClientOptions> = {}) {
  return appClient(sim, { secret: sim.credentials.contactSecret, ...extra });
}

/** Requests the simulator received for one API (faulted and refused ones included). */
export function count(sim: Simulator, api: string): number {
  return sim.admin.counts()[`/cgi-bin/${api}`] ?? 0;
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

export { sharedStores } from '@orgbridge/provider-kit/testing';

export const errorOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
