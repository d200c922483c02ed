/** Test set-up shared by the DingTalk connector suites: a simulator and a connector pointed at it. */
import { createMemoryTokenStore } from '@orgbridge/dingtalk';
import {
  dingtalkSimEndpoints,
  dingtalkSimSettings,
  withDingTalkSimulator,
  type DingTalkSimulator,
} from '@orgbridge/test-world';
import { afterAll } from 'vitest';
import type { ProviderContext, ProviderInstance } from '../kit';
import { dingtalkConnector } from './index';

export type { DingTalkSimulator };

const silent = { info() {}, warn() {}, error() {}, debug() {} };

export async function useDingTalkSim(
  opts: Parameters<typeof withDingTalkSimulator>[0] = {},
): Promise<DingTalkSimulator> {
  const sim = await withDingTalkSimulator({ seed: 7, users: 260, departments: 12, ...opts });
  afterAll(() => sim.close());
  return sim;
}

/**
 * The connector for the simulator's app. `qps` defaults high so suites that do not measure pacing
 * are not slowed by the governor (which is process-wide per AppKey and rate).
 */
export function connect(
  sim: DingTalkSimulator,
  over: Record<string, string | number | null> = {},
  extra: Partial<ProviderContext> = {},
): { instance: ProviderInstance; settings: ReturnType<typeof dingtalkSimSettings> } {
  const settings = dingtalkSimSettings(sim, { qps: 500, ...over });
  const instance = dingtalkConnector.create({
    settings,
    endpoints: dingtalkSimEndpoints(sim),
    tokens: createMemoryTokenStore(),
    log: silent,
    ...extra,
  });
  return { instance, settings };
}
