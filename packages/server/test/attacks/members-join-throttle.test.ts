import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_LIMITS } from '../../src/modules/tenants/tenants.service';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestUser } from '../factories';

/**
 * House numbers (门牌号) must not be enumerable: asking to join with unknown ones is throttled per
 * (account, address) and per address; past the limit even a real house number answers 429.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

let n = 0;
/** A well-formed house number no tenant has (house numbers are upper-case letters/digits). */
const unknownHouseNumber = () => `ZZ${String(++n).padStart(4, '0')}`;

const join = (u: TestUser, houseNumber: string) =>
  t.call('POST', '/sys/tenant/join', { houseNumber }, { token: u.token });

describe('POST /sys/tenant/join is throttled', () => {
  it('guessing house numbers: 404 up to the limit, then 429 tenant.join_throttled', async () => {
    const home = await t.factories.tenant();
    const target = await t.factories.tenant();
    const guesser = await t.factories.user(home.id);
    for (let i = 0; i < JOIN_LIMITS.perKeyAndIp; i++) {
      const res = await join(guesser, unknownHouseNumber());
      expect(res.status).toBe(404);
      expect(res.body.errorCode).toBe('tenants.house_number_not_found');
    }
    const res = await join(guesser, unknownHouseNumber());
    expect(res.status).toBe(429);
    expect(res.body.errorCode).toBe('tenant.join_throttled');
    expect(res.body.details?.minutes).toBeGreaterThan(0);
    // A right guess now tells the guesser nothing either.
    expect((await join(guesser, target.houseNumber)).status).toBe(429);

    // Another account from the same address is still under its own (per-address) limit.
    const other = await t.factories.user(home.id);
    const ok = await join(other, target.houseNumber);
    expect(ok.status).toBe(200);
    expect(ok.body.result).toMatchObject({ tenantId: target.id, status: 3 });
  });
});
