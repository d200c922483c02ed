import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import {
  activeSimUsers,
  authorizeAt,
  configureWeCom,
  fragmentOf,
  hop,
  startUrl,
} from '../factories/wecom-login';

/**
 * Review 19 (sign-in paths per thirdType). The state of a sign-in is stored with the thirdType
 * whose login path issued it, but the callback took the provider from its own path only: a state
 * started at /sys/thirdLogin/oauth2/wechat_enterprise/login was consumed and accepted at
 * /sys/thirdLogin/oauth2/dingtalk/callback, so the code of one provider is exchanged by another's
 * connector (a mix-up: the sign-in the browser started is not the one that completes).
 *
 * Expected: a state comes back only to the callback of the thirdType that issued it
 * (error=state_invalid otherwise), and it is used up either way.
 */
let sim: Simulator;
let t: TestApp;
let tenantId: number;
let userid: string;

beforeAll(async () => {
  sim = await startSimulator({ users: 5, departments: 2, seed: 19, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: sim.url, oauthBase: sim.url, loginBase: sim.url } },
  });
  const tenant = await t.factories.tenant();
  tenantId = tenant.id;
  const admin = await t.factories.user(tenant.id, { role: 'admin' });
  await configureWeCom(t, sim, admin.token, tenant.id);
  userid = activeSimUsers(sim)[0]!;
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

it('refuses a WeCom state at the DingTalk callback', async () => {
  const start = await hop(t, startUrl({ tenantId }));
  expect(start.status).toBe(302);
  const back = new URL(await authorizeAt(start.location, userid));
  expect(back.pathname).toBe('/sys/thirdLogin/oauth2/wechat_enterprise/callback');
  const crossed = `/sys/thirdLogin/oauth2/dingtalk/callback${back.search}`;
  const res = await hop(t, crossed, start.setCookie);
  expect(res.status).toBe(302);
  expect(fragmentOf(res.location).error).toBe('state_invalid');
  // Used up: the right callback does not accept it afterwards either.
  const again = await hop(t, back.pathname + back.search, start.setCookie);
  expect(fragmentOf(again.location).error).toBe('state_replayed');
});
