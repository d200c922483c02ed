import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  dumpTenant,
  fullSync,
  preview,
  syncWorld,
  type SyncWorld,
} from './sync.test-harness';

/**
 * The planner's fixed point: whatever the organisation went through, sync → plan again finds
 * nothing to do, and applying that empty plan writes no row.
 */
let w: SyncWorld;
beforeAll(async () => {
  w = await syncWorld({ users: 30, departments: 6, leavers: 1, disabled: 1 });
  const first = await fullSync(w);
  expect(first.run.status).toBe('succeeded');
});
afterAll(async () => w?.close());

type Op =
  | { kind: 'add'; name: string; dept: number }
  | { kind: 'rename'; user: number; name: string }
  | { kind: 'move'; user: number; dept: number }
  | { kind: 'disable' | 'enable' | 'delete'; user: number }
  | { kind: 'addDept'; name: string; parent: number }
  | { kind: 'renameDept'; dept: number; name: string };

const name = fc.constantFrom('李娜', '李 娜', '王伟', '张三', 'Zhang San', '赵雷', '孙丽');
const idx = fc.nat({ max: 1_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), name, dept: idx }),
  fc.record({ kind: fc.constant('rename' as const), user: idx, name }),
  fc.record({ kind: fc.constant('move' as const), user: idx, dept: idx }),
  fc.record({
    kind: fc.constantFrom('disable' as const, 'enable' as const, 'delete' as const),
    user: idx,
  }),
  fc.record({ kind: fc.constant('addDept' as const), name, parent: idx }),
  fc.record({ kind: fc.constant('renameDept' as const), dept: idx, name }),
);

let serial = 0;
function perform(o: Op) {
  const { admin } = w.sim;
  const users = admin.listUsers().filter((u) => u.status !== 5);
  const depts = admin.listDepartments();
  const user = 'user' in o ? users[o.user % users.length] : undefined;
  const dept = (i: number) => depts[i % depts.length]!.id;
  switch (o.kind) {
    case 'add':
      admin.addUser({ userid: `prop${++serial}`, name: o.name, department: [dept(o.dept)] });
      break;
    case 'rename':
      if (user) admin.renameUser(user.userid, o.name);
      break;
    case 'move':
      if (user) admin.moveUser(user.userid, [dept(o.dept)]);
      break;
    case 'disable':
    case 'enable':
      if (user) admin.updateUser(user.userid, { status: o.kind === 'disable' ? 2 : 1 });
      break;
    case 'delete':
      if (user) admin.deleteUser(user.userid);
      break;
    case 'addDept':
      admin.addDepartment({ name: `${o.name}${++serial}`, parentid: dept(o.parent) });
      break;
    case 'renameDept':
      admin.renameDepartment(dept(o.dept), `${o.name}${++serial}`);
      break;
  }
}

const NOTHING = {
  create: 0,
  bind: 0,
  pending: 0,
  update: 0,
  leave: 0,
  departmentsCreate: 0,
  departmentsRename: 0,
  departmentsMove: 0,
  departmentsRemove: 0,
};

describe('directory sync planner (property)', () => {
  it('after any sequence of WeCom changes, sync then plan again is empty and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        ops.forEach(perform);
        const { run } = await fullSync(w);
        expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
        const again = await preview(w);
        const counts = Object.fromEntries(Object.keys(NOTHING).map((k) => [k, again.counts[k]]));
        expect(counts).toEqual(NOTHING);
        const before = await dumpTenant(w);
        expect((await apply(w, again.planId)).status).toBe('succeeded');
        expect(await dumpTenant(w)).toEqual(before);
      }),
      { numRuns: 8, seed: 20261124 },
    );
  }, 180_000);
});
