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
import { authorizeAt } from '../factories/wecom-login';

/** The simulator's redirect (302) for `url`. */
async function redirectOf(url: URL): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  const next = res.headers.get('location');
  if (res.status !== 302 || !next)
    throw new Error(`no redirect (${res.status}): ${await res.text()}`);
  return next;
}

/** A running simulator as the suites see it, whichever provider it imitates. */
export interface CaseSim {
  /** Extra AppConfig pointing the server at this simulator. */
  config: Partial<AppConfig>;
  /** The POST /sys/thirdApp/config body (without `thirdType`) for the simulator's app. */
  settings: Record<string, unknown>;
  /** External userids of the members a full sync creates and binds. */
  members(): string[];
  /** Of those, the ones who can sign in (active in the provider). */
  activeMembers(): string[];
  /** The user agent of the provider's own app (its in-app browser). */
  inAppUserAgent: string;
  /** `app` of sendMessageTest for this connector. */
  appName: string;
  /** What the member's client shows: every message delivered to `userid`, as JSON text. */
  inbox(userid: string): string[];
  /** Where a sign-in started in a plain browser without `?qr=1` goes. */
  browserDefault: 'qr' | 'in-app';
  /**
   * The member `userid` at the provider, sent there by our login redirect (`location`): what
   * comes back to our callback (absolute URL with the provider's code and our state).
   */
  authorize(location: string, userid: string, via: 'qr' | 'in-app'): Promise<string>;
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
        activeMembers: () =>
          sim.admin
            .listUsers()
            .filter((u) => u.status === 1)
            .map((u) => u.userid),
        inAppUserAgent: 'Mozilla/5.0 wxwork/4.1.0 MicroMessenger/7.0.1',
        browserDefault: 'in-app',
        appName: 'WECHAT_ENTERPRISE',
        inbox: (userid) =>
          sim.admin
            .messagesFor(userid)
            .filter((m) => m.delivered)
            .map((m) => JSON.stringify(m.content)),
        // The simulator's OAuth and QR pages both take the member as `sim_userid`.
        authorize: (location, userid) => authorizeAt(location, userid),
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
        activeMembers: () =>
          sim.admin
            .listUsers()
            .filter((u) => u.active)
            .map((u) => u.userid),
        inAppUserAgent: 'Mozilla/5.0 (Linux; Android 13) AliApp(DingTalk/7.5.0) DingTalk(7.5.0)',
        browserDefault: 'qr',
        appName: 'DINGTALK',
        inbox: (userid) => sim.admin.inbox(userid).map((m) => JSON.stringify(m.msg)),
        async authorize(location, userid, via) {
          const url = new URL(location);
          if (via === 'in-app') {
            // Our app page inside DingTalk: dd.requestAuthCode() gives the 免登 code, which the
            // page sends back with the state (the simulator issues it as 「以该成员身份打开应用」 does).
            url.searchParams.set('authCode', sim.admin.issueAuthCode(userid));
            return url.toString();
          }
          // The member scans the QR code of login.dingtalk.com/oauth2/auth (approve = scanned).
          url.pathname = '/oauth2/auth/approve';
          url.searchParams.set('userid', userid);
          return redirectOf(url);
        },
        close: () => sim.close(),
      };
    },
  },
];
