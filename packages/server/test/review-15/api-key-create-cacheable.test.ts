import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review of issue 15 (API keys). The key is a long-lived secret "shown once"; the password reset,
 * whose answer holds a one-time password, sends `Cache-Control: no-store` ("a secret in the
 * answer: no cache may keep it"). Attack: POST /sys/apiKeys answers the whole key with no
 * Cache-Control at all, so nothing tells a browser's back/forward cache, a disk cache or an
 * intermediary (corporate proxy, CDN in front of the console) not to keep it.
 *
 * Expected: the answer that carries the key says `Cache-Control: no-store`, like the reset.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

it('the answer that shows the key once is not cacheable', async () => {
  const a = await t.factories.tenant();
  const admin = await t.factories.user(a.id, { role: 'admin' });
  const res = await t.call(
    'POST',
    '/sys/apiKeys',
    { name: 'erp', permissions: ['messages:send'] },
    { token: admin.token, tenantId: a.id },
  );
  expect(res.status).toBe(200);
  expect(res.body.result.key).toMatch(/^obk_/);
  expect(String(res.headers['cache-control'] ?? '')).toContain('no-store');
});
