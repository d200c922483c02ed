import { withWeComTenant } from '@orgbridge/test-world';
/**
 * Issue 13 item 3: three OrgBridge processes on one PostgreSQL keep WeCom's limit of 5 requests in
 * flight per corp and API between them (before: 5 each, 15 at once, sends failed with 45033).
 */
import type { Simulator } from '@orgbridge/wecom-sim';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestApp } from '../../../test/build-test-app';
import type { TestUser } from '../../../test/factories';
import { activeSimUserIds, arrangeBoundMembers } from '../../../test/factories/messages';
import { openTestDatabase, usePostgres } from '../../../test/test-db';
import { sharedSecretKey, simEndpoints, startSim } from '../../modules/jobs/jobs.test-harness';

const SENDS = 150;

describe.runIf(usePostgres())('one WeCom concurrency limit for three processes', () => {
  let shared: { url: string; drop(): Promise<void> };
  let sim: Simulator;
  const apps: TestApp[] = [];
  let admin: TestUser;
  let receivers: string[];

  beforeAll(async () => {
    // A migrated database of this file's own, opened by each app with its own pools below.
    const first = await openTestDatabase();
    const url = (first.db as unknown as { $client: { options: { connectionString: string } } })
      .$client.options.connectionString;
    shared = { url, drop: () => first.close() };
    sim = await startSim({ users: 400, departments: 12, latencyMs: 0, concurrencyLimit: 5 });
    const config = { secretKey: sharedSecretKey(), wecom: simEndpoints(sim) };
    // Each app gets module state of its own, like a separate process: nothing kept at module level
    // (the WeCom client's process-wide limit, prepared statements…) is shared between them.
    for (let i = 0; i < 3; i++) {
      vi.resetModules();
      const { buildTestApp } = await import('../../../test/build-test-app');
      const { openDatabase } = await import('../../db/client');
      const database = await openDatabase({ databaseUrl: shared.url, poolSize: 5 });
      apps.push(await buildTestApp({ database, config }));
    }
    const [a] = apps as [TestApp];
    const t = await withWeComTenant(a, sim);
    admin = t.admin;
    receivers = await arrangeBoundMembers(a.db, {
      tenantId: t.tenant.id,
      corpId: sim.credentials.corpId,
      extUserIds: activeSimUserIds(sim).slice(0, SENDS),
    });
    // Every process has its token before the load: the sends measure message/send alone.
    await Promise.all(
      apps.map((app) =>
        app.call(
          'POST',
          '/sys/thirdApp/sendMessageTest',
          { app: 'WECHAT_ENTERPRISE', receiver: receivers[0], content: 'warm-up' },
          { token: admin.token },
        ),
      ),
    );
    sim.admin.setLatency(20);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await sim?.close();
    await shared?.drop();
  });

  it('150 concurrent sends over the three: none fails, never more than 5 at WeCom', async () => {
    sim.admin.resetCounts();
    sim.admin.resetPeakInFlight();
    const results = await Promise.all(
      receivers.map((receiver, i) =>
        apps[i % 3]!.call(
          'POST',
          '/sys/thirdApp/sendMessageTest',
          { app: 'WECHAT_ENTERPRISE', receiver, content: `load ${i}` },
          { token: admin.token },
        ),
      ),
    );
    const failed = results
      .filter((r) => r.status !== 200)
      .map((r) => `${r.status} ${r.body.errorCode} ${JSON.stringify(r.body.details?.errcode)}`);
    expect(failed).toEqual([]);
    expect(sim.admin.peakInFlight('message/send')).toBeLessThanOrEqual(5);
    // No 45033 was answered, so no send needed a second call.
    expect(sim.admin.counts()['/cgi-bin/message/send']).toBe(SENDS);
  });

  it('three previews started together, one per process, are all complete', async () => {
    sim.admin.resetPeakInFlight();
    const previews = await Promise.all(
      apps.map((app) =>
        app.call(
          'POST',
          '/sys/thirdApp/sync/preview',
          { thirdType: 'wechat_enterprise' },
          { token: admin.token },
        ),
      ),
    );
    for (const p of previews) {
      expect(p.status, p.body.message).toBe(200);
      expect(p.body.result.problems).toEqual([]);
      expect(p.body.result.partial).toBe(false);
    }
    for (const api of ['user/list', 'department/list', 'user/simplelist']) {
      expect(sim.admin.peakInFlight(api), api).toBeLessThanOrEqual(5);
    }
  });
});
