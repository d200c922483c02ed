import { describe, expect, it } from 'vitest';
import { appToken, call, useSimulator } from './helpers';

/** The bench syncs 10k members / 1k departments: the simulator must not be the bottleneck. */
describe('a 10k-member corp', async () => {
  const started = performance.now();
  const sim = await useSimulator({ users: 10_000, departments: 1_000, qps: 0, perMinute: 0 });
  const startup = performance.now() - started;

  it('starts within a few seconds', () => {
    expect(startup).toBeLessThan(5_000);
  });

  it('answers a page of 100 members quickly, and every member is reachable through user/list', async () => {
    const token = await appToken(sim);
    const t0 = performance.now();
    const page = await call(sim, 'topapi/v2/user/list', {
      token,
      body: { dept_id: 2, cursor: 0, size: 100 },
    });
    expect(performance.now() - t0).toBeLessThan(500);
    expect((page.body.result as { list: unknown[] }).list).toHaveLength(100);
    const reachable = new Set(
      sim.admin
        .listDepartments()
        .flatMap((d) => sim.admin.membersOf(d.deptId).map((u) => u.userid)),
    );
    expect(reachable.size).toBe(sim.admin.listUsers().length);
  });
});
