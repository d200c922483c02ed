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

/**
 * How the bench starts it (issue 19, deliver 5): the same corp with the standard edition's QPS on,
 * `npm run dingtalk-sim -- --users 10000 --departments 1000 --qps 20` as a process. A burst above
 * the limit must meet 90018, so a client that does not pace its calls is caught.
 */
describe('a 10k-member / 1k-department corp with the QPS limit on', async () => {
  const sim = await useSimulator({ users: 10_000, departments: 1_000, qps: 20 });

  it('has the requested size, the large department and leavers', () => {
    expect(sim.admin.listDepartments()).toHaveLength(1_000);
    expect(sim.admin.listUsers().length + sim.admin.listLeft().length).toBe(10_000);
    expect(sim.admin.listLeft().length).toBe(100);
    expect(sim.admin.membersOf(2).length).toBeGreaterThan(100);
    expect(sim.admin.limits()).toMatchObject({ qps: 20, perMinute: 1_500 });
  });

  it('refuses a burst above 20 calls a second with 90018', async () => {
    const token = await appToken(sim);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        call(sim, 'topapi/v2/department/listsub', { token, body: { dept_id: 1 } }),
      ),
    );
    const codes = answers.map((a) => a.body.errcode);
    expect(codes.filter((c) => c === 0)).toHaveLength(20);
    expect(codes.filter((c) => c === 90018)).toHaveLength(10);
  });
});
