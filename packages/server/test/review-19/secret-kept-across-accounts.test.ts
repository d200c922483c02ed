import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review 19 (settings_enc, masked secrets). A secret sent back as its mask (or left empty or out)
 * kept the stored value even when the PUT pointed the connection at another account (WeCom
 * clientId = CorpID; DingTalk clientId/corpId): the AppSecret of one corp was then presented as
 * the credential of another — the egress proxy's rule (a kept password only for the same proxy)
 * did not hold for provider secrets.
 *
 * Expected: when an account identifier changes, every stored secret must be entered anew
 * (400 naming the field); a mask with the same account still keeps the secret.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

const SECRET = 'storedSecretOfCorpA0001';
const mask = '******' + SECRET.slice(-4);

it('refuses a kept secret when the WeCom CorpID changes', async () => {
  const tenant = await t.factories.tenant();
  const admin = await t.factories.user(tenant.id, { role: 'admin' });
  const opts = { token: admin.token };
  const created = await t.call(
    'POST',
    '/sys/thirdApp/config',
    {
      thirdType: 'wechat_enterprise',
      agentId: 1000002,
      clientId: 'wwcorpa00000001',
      clientSecret: SECRET,
    },
    opts,
  );
  expect(created.status).toBe(200);
  expect(created.body.result.clientSecret).toBe(mask);

  for (const secret of [mask, '', undefined]) {
    const moved = await t.call(
      'PUT',
      '/sys/thirdApp/config',
      { thirdType: 'wechat_enterprise', clientId: 'wwcorpb00000002', clientSecret: secret },
      opts,
    );
    expect(moved.status).toBe(400);
    expect(moved.body.details?.field).toBe('clientSecret');
  }
  // Same account, mask sent back: kept.
  const same = await t.call(
    'PUT',
    '/sys/thirdApp/config',
    { thirdType: 'wechat_enterprise', agentId: 1000003, clientSecret: mask },
    opts,
  );
  expect(same.status).toBe(200);
  expect(same.body.result.clientSecret).toBe(mask);
  // A new account with its own secret is fine.
  const fresh = await t.call(
    'PUT',
    '/sys/thirdApp/config',
    {
      thirdType: 'wechat_enterprise',
      clientId: 'wwcorpb00000002',
      clientSecret: 'secretOfCorpB0002',
    },
    opts,
  );
  expect(fresh.status).toBe(200);
});
