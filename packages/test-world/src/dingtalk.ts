import { generateAesKey, generateCallbackToken } from '@orgbridge/dingtalk/crypto';
import { startSimulator, type SimOptions, type Simulator } from '@orgbridge/dingtalk-sim';

export type DingTalkSimulator = Simulator;

/**
 * The DingTalk simulator in this process, as tests want it: no latency, QPS limit off unless
 * asked (tests that measure pacing set `qps`). Close it with `sim.close()` (afterAll / finally).
 * The bench starts it as a process instead: `npm run dingtalk-sim -- --users 10000
 * --departments 1000 --qps 20`.
 */
export function withDingTalkSimulator(opts: SimOptions = {}): Promise<Simulator> {
  return startSimulator({ latencyMs: 0, qps: 0, perMinute: 0, ...opts });
}

/** The DingTalk endpoints (one simulator serves api, oapi and login). */
export const dingtalkSimEndpoints = (sim: { url: string }) => ({
  apiBase: sim.url,
  oapiBase: sim.url,
  loginBase: sim.url,
});

/**
 * Connector settings for the simulator's app, with a fresh callback Token and aes_key (what the
 * server generates on first save). Pass them to `sim.admin.configureCallback` to receive pushes.
 */
export function dingtalkSimSettings(
  sim: Pick<Simulator, 'credentials'>,
  over: Record<string, string | number | null> = {},
) {
  const { appKey, appSecret, agentId, corpId } = sim.credentials;
  return {
    clientId: appKey,
    clientSecret: appSecret,
    agentId,
    corpId,
    callbackToken: generateCallbackToken(),
    callbackAesKey: generateAesKey(),
    ...over,
  };
}
