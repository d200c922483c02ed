import { startSimulator, type SimOptions, type Simulator } from '@orgbridge/wecom-sim';

/**
 * The WeCom simulator in this process, as tests want it: no latency unless asked. Close it with
 * `sim.close()` (afterAll / finally). For the simulator as a process see `spawnSimulator`.
 */
export function withSimulator(opts: SimOptions = {}): Promise<Simulator> {
  return startSimulator({ latencyMs: 0, ...opts });
}

/** The WeCom endpoints of an app (AppConfig.wecom) pointed at a simulator. */
export const simEndpoints = (sim: { url: string }) => ({
  apiBase: sim.url,
  oauthBase: sim.url,
  loginBase: sim.url,
});
