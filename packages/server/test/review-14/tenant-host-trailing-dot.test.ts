import { withWeComTenant } from '@orgbridge/test-world';
import { startSimulator, type Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review of issue 14 (tenant domains): `sso.a.com.` (the fully qualified form a browser sends
 * when the address is typed with the final dot; same DNS name, same server) is not recognised as
 * tenant A's host, so on A's own domain the guard is off: it serves tenant B's verification
 * file, starts B's WeCom sign-in and opens the shared console at `/` — what `sso.a.com` refuses.
 * The stored domain drops the dot (normaliseDomain); the request's host must be read the same way.
 */

const HOST_A = 'sso.review14-a.example.com';
let simA: Simulator;
let simB: Simulator;
let t: TestApp;
let a: Awaited<ReturnType<typeof withWeComTenant>>;
let b: Awaited<ReturnType<typeof withWeComTenant>>;

beforeAll(async () => {
  simA = await startSimulator({ users: 3, departments: 1, seed: 141, latencyMs: 0 });
  simB = await startSimulator({ users: 3, departments: 1, seed: 142, latencyMs: 0 });
  t = await buildTestApp({
    config: { wecom: { apiBase: simA.url, oauthBase: simA.url, loginBase: simA.url } },
  });
  a = await withWeComTenant(t, simA);
  b = await withWeComTenant(t, simB);
  const set = await t.call(
    'PUT',
    '/sys/tenant/domain',
    { customDomain: HOST_A },
    { token: a.admin.token },
  );
  expect(set.status, set.body.message).toBe(200);
  const up = await t.call(
    'POST',
    '/sys/thirdApp/verifyFiles',
    { fileName: 'WW_verify_TenantB14.txt', content: 'b-corp-code' },
    { token: b.admin.token },
  );
  expect(up.status, up.body.message).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await simA?.close();
  await simB?.close();
});

const onHost = (host: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { host } });

describe("tenant A's host written with the final dot is still tenant A's host", () => {
  for (const host of [HOST_A, `${HOST_A}.`, `${HOST_A.toUpperCase()}.`]) {
    it(`${host}: another tenant's verification file is not served`, async () => {
      const res = await onHost(host, '/WW_verify_TenantB14.txt');
      expect(res.statusCode, res.body).toBe(404);
    });

    it(`${host}: another tenant's WeCom sign-in is not started`, async () => {
      const res = await onHost(
        host,
        `/sys/thirdLogin/oauth2/wechat_enterprise/login?tenantId=${b.tenant.id}`,
      );
      expect(res.statusCode, String(res.headers.location)).toBe(404);
    });

    it(`${host}: / opens tenant A's home page`, async () => {
      const res = await onHost(host, '/');
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe(`/tenantId/${a.tenant.id}`);
    });
  }
});
