import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';

/**
 * Review 19 (account_key unique per thirdType). Two tenants saving the same CorpID at once both
 * passed the "taken elsewhere" check before either inserted; the loser then hit the database's
 * third_app_configs_account_key_uq and got the generic 409 conflict.duplicate instead of
 * third_app.corp_id_taken with the field the console puts the error on. PostgreSQL only: PGlite
 * runs the two requests one after the other (it passes there on 8696ad3).
 *
 * Expected: one 200, one 409 third_app.corp_id_taken, however the two interleave.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

it('answers 409 to the loser of two tenants connecting one corp at once', async () => {
  const admins = await Promise.all(
    [0, 1].map(async () => {
      const tenant = await t.factories.tenant();
      return t.factories.user(tenant.id, { role: 'admin' });
    }),
  );
  for (let round = 0; round < 3; round++) {
    const corp = `wwrace${round}0000000001`;
    const results = await Promise.all(
      admins.map((a) =>
        t.call(
          'POST',
          '/sys/thirdApp/config',
          {
            thirdType: 'wechat_enterprise',
            agentId: 1000002,
            clientId: corp,
            clientSecret: 'raceSecret000001',
          },
          { token: a.token },
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.errorCode).toBe('third_app.corp_id_taken');
    for (const a of admins) {
      await t.call('DELETE', '/sys/thirdApp/config', undefined, { token: a.token });
    }
  }
});
