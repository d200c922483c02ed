import { describe, expect, it } from 'vitest';
import { planAndOps } from './planner';
import type { ExtMember, LocalState, LocalUser, PlanPair, StoredSnapshot } from './sync.types';

/**
 * "Confirm as proposed" (issue 14 item 7): a client that echoes the preview's pairs back to apply
 * gets exactly what applying without decisions gives; anything else the plan did not propose is
 * still judged as a decision (and refused when it is not allowed).
 */
const CORP = 'wwcorp';

const ext = (userId: string, over: Partial<ExtMember> = {}): ExtMember => ({
  userId,
  name: userId,
  departmentIds: ['1'],
  mainDepartmentId: '1',
  leaderOf: [],
  position: null,
  mobile: null,
  email: null,
  avatar: null,
  status: 'active',
  ...over,
});

const user = (userId: number, over: Partial<LocalUser> = {}): LocalUser => ({
  userId,
  username: `u${userId}`,
  realname: `User ${userId}`,
  phone: null,
  email: null,
  position: null,
  frozen: false,
  displayName: null,
  membershipPosition: null,
  departmentIds: [10],
  mainDepartmentId: 10,
  isPlatformAdmin: false,
  membershipStatus: 1,
  activeElsewhere: false,
  ...over,
});

const snapshot: StoredSnapshot = {
  departments: [{ id: '1', name: 'Root', parentId: null, order: 1 }],
  members: [
    ext('bound1', { name: 'User 1' }),
    ext('byname', { name: '李娜' }),
    ext('byusername'),
    ext('stranger', { mobile: '13500001111' }),
    ext('shared', { email: 'shared@example.com' }),
    ext('waiting'),
    ext('twin', { name: '王芳' }),
    ext('fresh'),
  ],
  partial: false,
};

const local: LocalState = {
  houseNumber: 'H1',
  departments: [{ id: 10, parentId: null, name: 'Root', order: 1, extId: '1' }],
  members: [
    user(1, { realname: 'User 1' }),
    user(2, { realname: '李娜' }),
    user(3, { username: 'H1byusername' }),
    user(5, { email: 'shared@example.com', activeElsewhere: true }),
    user(7, { realname: '王芳' }),
    user(8, { realname: '王芳' }),
  ],
  // Outside the tenant: matched by mobile, never named to the admin.
  outsiders: [user(4, { phone: '13500001111', membershipStatus: null })],
  bindings: [
    {
      id: 100,
      corpId: CORP,
      userId: 1,
      extUserId: 'bound1',
      extName: 'User 1',
      active: true,
      extData: null,
    },
  ],
  unpaired: [],
  linkRequests: [{ id: 50, corpId: CORP, extUserId: 'waiting', userId: 6, status: 'pending' }],
  exclusions: [],
};

/** The pairs as a client reads them from the preview, echoed back unchanged. */
const echoOf = (pairs: PlanPair[]) =>
  pairs.map((p) => ({ wechatUserId: p.wechatUserId, userId: p.userId }));

describe('apply decisions that echo the preview', () => {
  const proposed = planAndOps(snapshot, local, CORP);
  const pairs = proposed.plan.members.pairs;

  it('covers every kind of row', () => {
    const kinds = Object.fromEntries(pairs.map((p) => [p.wechatUserId, p.match]));
    expect(kinds).toEqual({
      bound1: 'bound',
      byname: 'name',
      byusername: 'username',
      stranger: 'mobile',
      shared: 'email',
      waiting: 'requested',
      twin: 'none',
      fresh: 'none',
    });
    // The plan shows no id for the account outside the tenant.
    expect(pairs.find((p) => p.wechatUserId === 'stranger')).toMatchObject({
      userId: null,
      outsider: true,
    });
  });

  it('plans exactly the same writes as applying without decisions', () => {
    const echoed = planAndOps(snapshot, local, CORP, { pairs: echoOf(pairs), exclude: [] });
    expect(echoed.ops).toEqual(proposed.ops);
    expect(echoed.plan.counts).toEqual(proposed.plan.counts);
    // The bound row alone, and in other letter case, is a no-op too.
    const bound = planAndOps(snapshot, local, CORP, {
      pairs: [{ wechatUserId: 'BOUND1', userId: 1 }],
      exclude: [],
    });
    expect(bound.ops).toEqual(proposed.ops);
  });

  it('still refuses what the plan did not propose', () => {
    const refused = (decision: { wechatUserId: string; userId: number | null }) => () =>
      planAndOps(snapshot, local, CORP, { pairs: [decision], exclude: [] });
    // A bound member re-pointed to another account, or cut loose.
    expect(refused({ wechatUserId: 'bound1', userId: 2 })).toThrow(/already bound/);
    expect(refused({ wechatUserId: 'bound1', userId: null })).toThrow(/already bound/);
    // The hidden account outside the tenant, named by id: refused like any other outsider.
    expect(refused({ wechatUserId: 'stranger', userId: 4 })).toThrow(/cannot be paired/);
    // Someone else's bound account.
    expect(refused({ wechatUserId: 'fresh', userId: 1 })).toThrow(/cannot be paired/);
    // An echo that collides with a re-pick of the same account.
    expect(() =>
      planAndOps(snapshot, local, CORP, {
        pairs: [
          { wechatUserId: 'fresh', userId: 2 },
          { wechatUserId: 'byname', userId: 2 },
        ],
        exclude: [],
      }),
    ).toThrow(/paired with two WeCom members/);
  });
});
