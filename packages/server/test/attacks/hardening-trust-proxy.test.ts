import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { loginAttempts } from '../../src/db/schema';
import { buildTestApp, type TestApp } from '../build-test-app';

const KEY = randomBytes(32).toString('hex');
const configWith = (TRUST_PROXY: string) => loadConfig({ SECRET_KEY: KEY, TRUST_PROXY });

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The address a failed sign-in was counted under: what the server took for `req.ip`. */
async function addressSeenFor(app: TestApp, forwardedFor: string): Promise<string> {
  const username = `ghost${randomBytes(4).toString('hex')}`;
  const res = await app.call(
    'POST',
    '/sys/login',
    { username, password: 'wrong-password' },
    { headers: { 'x-forwarded-for': forwardedFor } },
  );
  expect(res.status).toBe(401);
  const rows = await app.db
    .select({ ip: loginAttempts.ip })
    .from(loginAttempts)
    .where(eq(loginAttempts.username, username));
  expect(rows).toHaveLength(1);
  return rows[0]!.ip;
}

describe('TRUST_PROXY (PRODUCT.md §1, §7)', () => {
  it('unset: X-Forwarded-For is ignored, the socket address counts (no one forges their way out of the throttle)', async () => {
    t = await buildTestApp({ config: loadConfig({ SECRET_KEY: KEY }) });
    expect(await addressSeenFor(t, '203.0.113.7')).toBe('127.0.0.1');
  });

  it('TRUST_PROXY=1: the address the one proxy forwards is the client', async () => {
    t = await buildTestApp({ config: configWith('1') });
    expect(await addressSeenFor(t, '198.51.100.9, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('TRUST_PROXY=<CIDR list>: forwarded only when the socket is a listed proxy', async () => {
    t = await buildTestApp({ config: configWith('10.0.0.0/8, 127.0.0.1') });
    expect(await addressSeenFor(t, '198.51.100.9, 203.0.113.7')).toBe('203.0.113.7');
    await t.close();
    t = await buildTestApp({ config: configWith('10.0.0.0/8,192.168.1.1') });
    expect(await addressSeenFor(t, '203.0.113.7')).toBe('127.0.0.1');
  });

  it('parses hops and address lists', () => {
    expect(configWith('2').trustProxy).toBe(2);
    expect(configWith(' 10.0.0.0/8 , ::1,fd00::/8 ').trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
    ]);
    expect(loadConfig({ SECRET_KEY: KEY }).trustProxy).toBeUndefined();
  });

  it.each([
    'true',
    'yes',
    '-1',
    '1.5',
    '10.0.0.0/33',
    '300.1.1.1',
    '10.0.0.0/8,,',
    'example.com',
    '::1/129',
  ])('refuses to start with TRUST_PROXY=%j, naming the variable', (value) => {
    expect(() => configWith(value)).toThrow(ConfigError);
    expect(() => configWith(value)).toThrow(/TRUST_PROXY/);
  });
});
