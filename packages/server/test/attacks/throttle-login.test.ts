import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type ApiResponse, type TestApp } from '../build-test-app';
import { DEFAULT_PASSWORD, uniq } from '../factories';
import { TEST_ADMIN_PASSWORD } from '../test-db';

/**
 * Finding 5 — throttling must never be a lockout switch for strangers (PRODUCT.md §7): failures
 * count per (username, client address) and per client address, so a stranger failing from their
 * own address never locks the owner out from another one. Each test uses addresses of its own.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

/** A request from a given client address (what `req.ip` reads without a proxy in front). */
async function from(
  ip: string,
  method: 'POST' | 'GET',
  url: string,
  body?: object,
  token?: string,
): Promise<ApiResponse> {
  const res = await t.app.inject({
    method,
    url,
    remoteAddress: ip,
    headers: token ? { 'x-access-token': token } : {},
    ...(body ? { payload: body } : {}),
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

const login = (ip: string, username: string, password: string) =>
  from(ip, 'POST', '/sys/login', { username, password });

function expectThrottled(res: ApiResponse, code: string) {
  expect(res.status).toBe(429);
  expect(res.body.errorCode).toBe(code);
  expect(res.body.details?.retryAfterSeconds).toBeGreaterThan(800);
  expect(res.body.details?.minutes).toBe(15);
  expect(Number(res.headers['retry-after'])).toBe(res.body.details?.retryAfterSeconds);
}

describe('sign-in throttling', () => {
  it('a stranger failing for `admin` from one address does not lock admin out elsewhere', async () => {
    const attacker = '203.0.113.10';
    for (let i = 0; i < 6; i++) {
      const res = await login(attacker, 'admin', `guess-${i}-wrong`);
      expect([401, 429]).toContain(res.status);
    }
    expectThrottled(await login(attacker, 'admin', TEST_ADMIN_PASSWORD), 'auth.too_many_attempts');
    const owner = await login('198.51.100.7', 'admin', TEST_ADMIN_PASSWORD);
    expect(owner.status, owner.body.message).toBe(200);
    // The owner's success elsewhere does not lift the attacker's address.
    expect((await login(attacker, 'admin', TEST_ADMIN_PASSWORD)).status).toBe(429);
  });

  it('an address spraying many usernames is throttled as an address, for every username', async () => {
    const sprayer = '203.0.113.30';
    for (let i = 0; i < 20; i++) {
      expect((await login(sprayer, uniq('nobody'), 'not-the-password')).status).toBe(401);
    }
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    expectThrottled(
      await login(sprayer, user.username, DEFAULT_PASSWORD),
      'auth.too_many_attempts',
    );
    expect((await login('203.0.113.31', user.username, DEFAULT_PASSWORD)).status).toBe(200);
  });

  it('a success from an address forgets only that address’s failures', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const a = '203.0.113.40';
    const b = '203.0.113.41';
    for (let i = 0; i < 4; i++)
      expect((await login(b, user.username, 'wrong-pass')).status).toBe(401);
    expect((await login(a, user.username, DEFAULT_PASSWORD)).status).toBe(200);
    // b's four failures still count: one more locks b.
    expect((await login(b, user.username, 'wrong-pass')).status).toBe(401);
    expect((await login(b, user.username, DEFAULT_PASSWORD)).status).toBe(429);
  });
});

describe('password change throttling', () => {
  it('wrong old passwords count per account and address; 429 after 5', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const a = '203.0.113.50';
    const change = (ip: string, oldPassword: string) =>
      from(
        ip,
        'POST',
        '/sys/user/changePassword',
        { oldPassword, newPassword: 'brand-new-pass-1' },
        user.token,
      );
    for (let i = 0; i < 5; i++) {
      const res = await change(a, `wrong-old-${i}`);
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('auth.wrong_password');
    }
    expectThrottled(await change(a, DEFAULT_PASSWORD), 'auth.too_many_password_changes');
    // The session's owner elsewhere is not locked out by it.
    const elsewhere = await change('203.0.113.51', DEFAULT_PASSWORD);
    expect(elsewhere.status, elsewhere.body.message).toBe(200);
  });

  it('does not share its count with sign-in', async () => {
    const tenant = await t.factories.tenant();
    const user = await t.factories.user(tenant.id);
    const a = '203.0.113.60';
    for (let i = 0; i < 5; i++) {
      await from(
        a,
        'POST',
        '/sys/user/changePassword',
        { oldPassword: `wrong-old-${i}`, newPassword: 'brand-new-pass-1' },
        user.token,
      );
    }
    expect((await login(a, user.username, DEFAULT_PASSWORD)).status).toBe(200);
  });
});
