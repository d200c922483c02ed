import { withWeComTenant } from '@orgbridge/test-world';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTenant, TestUser } from '../../../test/factories';
import { scalar, syncWorld, waitRun, type SyncWorld } from './sync.test-harness';

let w: SyncWorld;
beforeAll(async () => {
  w = await syncWorld({ users: 25, departments: 5, leavers: 0, disabled: 0, seed: 21 });
  w.sim.admin.setFaultHoldMs(200);
});
afterAll(async () => w?.close());

/** A fresh tenant connected to the same corp (the previous one disconnects first). */
async function freshTenant(): Promise<{ tenant: TestTenant; admin: TestUser }> {
  await w.t.call('DELETE', '/sys/thirdApp/config', undefined, { token: w.admin.token });
  const { tenant, admin } = await withWeComTenant(w.t, w.sim);
  w.tenant = tenant;
  w.admin = admin;
  return { tenant, admin };
}

const rowsOfTenant = (id: number) =>
  scalar(
    w,
    sql`select (select count(*) from departments where tenant_id = ${id}) + (select count(*) from third_accounts where tenant_id = ${id}) + (select count(*) from memberships where tenant_id = ${id}) as n`,
  );

async function runWith(fault: () => void) {
  const { tenant } = await freshTenant();
  const before = await rowsOfTenant(tenant.id);
  fault();
  const res = await w.t.call(
    'POST',
    '/sys/thirdApp/sync/run',
    { thirdType: 'wechat_enterprise' },
    { token: w.admin.token },
  );
  expect(res.status, res.body.message).toBe(200);
  const run = await waitRun(w, res.body.result.runId);
  w.sim.admin.clearFaults();
  return { run, before, after: await rowsOfTenant(tenant.id) };
}

const members = () => w.sim.admin.listUsers().filter((u) => u.status !== 5).length;

describe('directory sync under WeCom faults: succeeded, or failed with an explanation and nothing written', () => {
  const transient: [string, () => void][] = [
    [
      '45009 frequency limit',
      () => w.sim.admin.injectFaults({ api: 'user/list', errcode: 45009, times: 2 }),
    ],
    [
      '45033 concurrency limit',
      () => w.sim.admin.injectFaults({ api: 'user/list', errcode: 45033, times: 3 }),
    ],
    [
      '-1 system busy',
      () => w.sim.admin.injectFaults({ api: 'department/list', errcode: -1, times: 1 }),
    ],
    [
      '42001 token expired mid-run',
      () => w.sim.admin.injectFaults({ api: 'user/list', errcode: 42001, times: 1 }),
    ],
    [
      '40014 token invalid mid-run',
      () => w.sim.admin.injectFaults({ api: 'user/list', errcode: 40014, times: 1 }),
    ],
    ['a timeout', () => w.sim.admin.injectFaults({ api: 'user/list', kind: 'timeout', times: 1 })],
    [
      'a connection reset',
      () => w.sim.admin.injectFaults({ api: 'user/list', kind: 'reset', times: 2 }),
    ],
    [
      'malformed JSON',
      () => w.sim.admin.injectFaults({ api: 'department/list', kind: 'malformed', times: 1 }),
    ],
  ];
  for (const [name, fault] of transient) {
    it(`recovers from ${name}`, async () => {
      const { run } = await runWith(fault);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
      expect(run.counts.account_created).toBe(members());
    });
  }

  it('60020 (caller IP not trusted) fails with the IP to add, writing nothing', async () => {
    const { run, before, after } = await runWith(() => w.sim.admin.setTrustedIps(['10.9.9.9']));
    w.sim.admin.setTrustedIps(null);
    expect(run.status).toBe('failed');
    expect(run.error.code).toBe('sync.provider_error');
    expect(run.error.providerCode).toBe(60020);
    expect(run.error.fromIp).toBe('127.0.0.1');
    expect(String(run.error.message)).toContain('60020');
    expect(after).toBe(before);
  });

  it('a permanent department read failure fails the run with an explanation, writing nothing', async () => {
    const { run, before, after } = await runWith(() =>
      w.sim.admin.injectFaults({ api: 'department/list', errcode: 48002, times: 1 }),
    );
    expect(run.status).toBe('failed');
    expect(run.error.providerCode).toBe(48002);
    expect((run.error.explanation as { en: { fix: string } }).en.fix.length).toBeGreaterThan(0);
    expect(after).toBe(before);
  });
});
