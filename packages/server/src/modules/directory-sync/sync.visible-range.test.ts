import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/sql';
import { fullSync, preview, syncWorld, type SyncWorld } from './sync.test-harness';

/**
 * The app's visible range (可见范围) can shrink while members stay in the corp. With the
 * contacts-sync secret the whole corp is listed through `user/list_id` (PRODUCT.md §5.2.1), so
 * those members are told apart from real leavers.
 */
let w: SyncWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const world = (contactSecret: boolean) =>
  syncWorld(
    { users: 24, departments: 4, leavers: 0, disabled: 0, seed: 21 },
    { contactSecret, policy: { massChangeThreshold: 1 } },
  );

/** Narrows the app to one child department (and its subtree); answers who drops out of sight. */
function hideAllButOneDepartment(s: SyncWorld): string[] {
  const users = s.sim.admin.listUsers();
  const keep = users.find((u) => u.mainDepartment !== 1)!.mainDepartment;
  const subtree = new Set([keep]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of s.sim.admin.listDepartments())
      if (subtree.has(d.parentid) && !subtree.has(d.id)) grew = Boolean(subtree.add(d.id));
  }
  s.sim.admin.setVisibleRange({ departments: [keep] });
  return users
    .filter((u) => !u.department.some((d) => subtree.has(d)))
    .map((u) => u.userid.toLowerCase());
}

async function activeBindings(s: SyncWorld): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await s.t.db.execute(
      sql`select count(*)::int as n from third_accounts where tenant_id = ${s.tenant.id} and active`,
    ),
  );
  return rows[0]!.n;
}

describe('directory sync: members outside the app visible range', () => {
  it('with the contacts-sync secret, keeps members the app no longer sees instead of marking them left', async () => {
    w = await world(true);
    await fullSync(w);
    const before = await activeBindings(w);
    expect(before).toBe(24);

    const hidden = hideAllButOneDepartment(w);
    expect(hidden.length).toBeGreaterThan(0);
    const plan = await preview(w);
    expect(plan.counts.leave).toBe(0);
    expect(plan.counts.outsideRange).toBe(hidden.length);
    expect(plan.problems).toEqual([]);
    expect(w.sim.admin.counts()['/cgi-bin/user/list_id']).toBeGreaterThan(0);

    // A member really deleted from WeCom still leaves.
    const gone = hidden[0]!;
    w.sim.admin.deleteUser(gone);
    const again = await preview(w);
    expect(again.counts.leave).toBe(1);
    expect(again.members.leavers).toEqual([
      expect.objectContaining({
        wechatUserId: expect.stringMatching(new RegExp(`^${gone}$`, 'i')),
      }),
    ]);
    expect(again.counts.outsideRange).toBe(hidden.length - 1);
  });

  it('without it, the same members look like leavers (the threshold guard is what protects them)', async () => {
    w = await world(false);
    await fullSync(w);
    const hidden = hideAllButOneDepartment(w);
    const plan = await preview(w);
    expect(plan.counts.leave).toBe(hidden.length);
    expect(plan.counts.outsideRange).toBe(0);
    expect(w.sim.admin.counts()['/cgi-bin/user/list_id'] ?? 0).toBe(0);
  });

  it('reports a contacts-secret failure without stopping the sync', async () => {
    w = await world(true);
    w.sim.admin.injectFaults({ api: 'user/list_id', errcode: 48002 });
    const plan = await preview(w);
    expect(plan.partial).toBe(false);
    expect(plan.counts.create).toBe(24);
    expect(plan.problems).toEqual([expect.objectContaining({ providerCode: 48002 })]);
  });
});
