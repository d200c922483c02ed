/**
 * The connectors the module suites run against, each with its simulator (issue 19): one list, so
 * a suite written once (describe.each(CONNECTOR_CASES)) proves a module for every provider.
 */
import {
  dingtalkSimEndpoints,
  simEndpoints,
  withDingTalkSimulator,
  withSimulator,
} from '@orgbridge/test-world';
import type { AppConfig } from '../../src/config';

/** A running simulator as the suites see it, whichever provider it imitates. */
export interface CaseSim {
  /** Extra AppConfig pointing the server at this simulator. */
  config: Partial<AppConfig>;
  /** The POST /sys/thirdApp/config body (without `thirdType`) for the simulator's app. */
  settings: Record<string, unknown>;
  /** External userids of the members a full sync creates and binds. */
  members(): string[];
  close(): Promise<void>;
}

export interface ConnectorCase {
  thirdType: string;
  name: string;
  start(): Promise<CaseSim>;
}

export const CONNECTOR_CASES: readonly ConnectorCase[] = [
  {
    thirdType: 'wechat_enterprise',
    name: 'WeCom (wecom-sim)',
    async start() {
      const sim = await withSimulator({ seed: 3, users: 12, departments: 4, leavers: 1 });
      const c = sim.credentials;
      return {
        config: { wecom: simEndpoints(sim) },
        settings: { agentId: c.agentId, clientId: c.corpId, clientSecret: c.secret },
        members: () =>
          sim.admin
            .listUsers()
            .filter((u) => u.status !== 5)
            .map((u) => u.userid),
        close: () => sim.close(),
      };
    },
  },
  {
    thirdType: 'dingtalk',
    name: 'DingTalk (dingtalk-sim)',
    async start() {
      const sim = await withDingTalkSimulator({ seed: 7, users: 12, departments: 4, leavers: 1 });
      const c = sim.credentials;
      return {
        config: { dingtalk: dingtalkSimEndpoints(sim) },
        settings: {
          clientId: c.appKey,
          clientSecret: c.appSecret,
          agentId: c.agentId,
          corpId: c.corpId,
        },
        members: () => sim.admin.listUsers().map((u) => u.userid),
        close: () => sim.close(),
      };
    },
  },
];
