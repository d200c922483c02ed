import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review 19 (generated callback values). A new connection gets its generated settings (WeCom
 * callback Token/EncodingAESKey) where the body has none — but only for form items marked
 * optional: DingTalk's callbackToken and callbackAesKey are `generated` and required, so a
 * DingTalk config saved without them (or with "", as the console's read-only fields send) was
 * refused 400 'field "callbackToken" is required' although nobody can type them.
 *
 * Expected: DingTalk's event-push Token and aes_key are generated on first save.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

it('generates the DingTalk callback Token and aes_key when the body leaves them out or empty', async () => {
  for (const generated of [{}, { callbackToken: '', callbackAesKey: '' }]) {
    const tenant = await t.factories.tenant();
    const admin = await t.factories.user(tenant.id, { role: 'admin' });
    const res = await t.call(
      'POST',
      '/sys/thirdApp/config',
      {
        thirdType: 'dingtalk',
        clientId: 'dingapp00000001',
        clientSecret: 'dingSecret000001',
        agentId: 3000000001,
        corpId: `dingcorp${tenant.id}000001`,
        ...generated,
      },
      { token: admin.token },
    );
    expect(res.status).toBe(200);
    expect(res.body.result.callbackToken).toMatch(/^[A-Za-z0-9]+$/);
    expect(res.body.result.callbackAesKey).toMatch(/^[A-Za-z0-9+/]{43}$/);
  }
});
