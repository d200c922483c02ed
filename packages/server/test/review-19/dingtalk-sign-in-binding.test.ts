import {
  dingtalkSimEndpoints,
  dingtalkSimSettings,
  withDingTalkSimulator,
  type DingTalkSimulator,
} from '@orgbridge/test-world';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { thirdAccounts } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { fragmentOf, hop } from '../factories/wecom-login';

/**
 * Review 19 (DingTalk sign-in). The sign-in flow takes the provider from the path, but looked the
 * member's binding up (and wrote tickets, unpaired/excluded checks and provisioned bindings) under
 * the hard-coded thirdType `wechat_enterprise` with the DingTalk corpId: a DingTalk member whose
 * binding a DingTalk sync made (third_type `dingtalk`) was refused as unbound — and with
 * unboundLogin `create` would get a second account with a binding filed under WeCom.
 *
 * Expected: the binding of the path's thirdType signs its member in.
 */
let sim: DingTalkSimulator;
let t: TestApp;

beforeAll(async () => {
  sim = await withDingTalkSimulator({ users: 5, departments: 2 });
  t = await buildTestApp({ config: { dingtalk: dingtalkSimEndpoints(sim) } });
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

it('signs a DingTalk member in through their dingtalk binding', async () => {
  const tenant = await t.factories.tenant();
  const admin = await t.factories.user(tenant.id, { role: 'admin' });
  const res = await t.call(
    'POST',
    '/sys/thirdApp/config',
    { thirdType: 'dingtalk', ...dingtalkSimSettings(sim) },
    { token: admin.token },
  );
  expect(res.status).toBe(200);
  const member = sim.admin.listUsers()[1]!;
  const user = await t.factories.user(tenant.id);
  await t.db.insert(thirdAccounts).values({
    tenantId: tenant.id,
    thirdType: 'dingtalk',
    corpId: sim.credentials.corpId,
    extUserId: member.userid,
    userId: user.id,
    extName: member.userid,
    active: true,
  });

  // Opened inside DingTalk (its user agent): the in-app route, whose page sends the 免登 code.
  const started = await t.app.inject({
    method: 'GET',
    url: `/sys/thirdLogin/oauth2/dingtalk/login?tenantId=${tenant.id}`,
    headers: { 'user-agent': 'Mozilla/5.0 (iPhone) AliApp(DingTalk/7.6.0)' },
  });
  expect(started.statusCode).toBe(302);
  const app = new URL(String(started.headers.location));
  const rawCookie = started.headers['set-cookie'];
  const cookie = (Array.isArray(rawCookie) ? rawCookie[0] : rawCookie)?.split(';')[0] ?? null;
  expect(app.pathname).toBe('/sys/thirdLogin/oauth2/dingtalk/callback');
  const state = app.searchParams.get('state')!;
  const code = sim.admin.issueAuthCode(member.userid);
  const back = await hop(
    t,
    `/sys/thirdLogin/oauth2/dingtalk/callback?state=${state}&authCode=${code}`,
    cookie,
  );
  const fragment = fragmentOf(back.location);
  expect(fragment.error).toBeUndefined();
  expect(fragment.ticket).toMatch(/.+/);
  const session = await t.call('POST', '/sys/thirdLogin/exchange', { ticket: fragment.ticket });
  expect(session.status).toBe(200);
});
