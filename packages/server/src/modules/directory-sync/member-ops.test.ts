import { describe, expect, it } from 'vitest';
import { downgrade, type MemberOp, type WriteStanding } from './member-ops';
import type { ExtMember } from './sync.types';

const ext: ExtMember = {
  userId: 'zhangsan',
  name: '张三',
  departmentIds: ['1'],
  mainDepartmentId: '1',
  leaderOf: [],
  position: '经理',
  mobile: null,
  email: null,
  avatar: null,
  status: 'active',
};
const standing = (over: Partial<WriteStanding> = {}): WriteStanding => ({
  userId: 7,
  isPlatformAdmin: false,
  membershipStatus: 1,
  activeElsewhere: false,
  ...over,
});
const bind: MemberOp = {
  ext,
  kind: 'bind',
  userId: 7,
  bindingId: null,
  binding: { create: true, extName: '张三', extData: {} },
  user: { realname: '张三' },
};
const update: MemberOp = {
  ext,
  kind: 'update',
  userId: 7,
  bindingId: 3,
  user: { realname: '张三', position: '经理' },
  departments: { extIds: ['1'], mainExtId: '1' },
};

describe('downgrade: ownership decided when the sync writes (PRODUCT.md §7)', () => {
  it('leaves the ops on an account still the tenant’s own as planned', () => {
    expect(downgrade(bind, standing())).toBe(bind);
    expect(downgrade(update, standing())).toBe(update);
  });

  it('turns a direct bind of an account that became shared into a link request', () => {
    const op = downgrade(bind, standing({ activeElsewhere: true }));
    expect(op).toMatchObject({ kind: 'link', userId: 7, link: { outsider: false } });
    expect(op?.binding).toBeUndefined();
    expect(op?.user).toBeUndefined();
  });

  it('moves a global-field patch of a shared account onto the membership', () => {
    const op = downgrade(update, standing({ activeElsewhere: true }));
    expect(op?.user).toBeUndefined();
    expect(op?.membership).toMatchObject({ create: false, displayName: '张三', position: '经理' });
    expect(op?.departments).toEqual(update.departments);
  });

  it('gives a platform administrator nothing, and nothing to an account gone from the tenant', () => {
    expect(downgrade(bind, standing({ isPlatformAdmin: true }))).toBeNull();
    expect(downgrade(update, standing({ isPlatformAdmin: true }))).toBeNull();
    expect(downgrade(update, standing({ membershipStatus: null }))).toBeNull();
  });

  it('restores only the quit membership the plan saw, and never overwrites a status changed since', () => {
    const restore: MemberOp = {
      ...update,
      membership: { create: false, status: 1, frozen: false, restore: true },
    };
    // Still quit (the sync ended it): restored, and judged as the restored own account.
    expect(downgrade(restore, standing({ membershipStatus: 2 }))).toBe(restore);
    // A freeze planned on an active member who quit meanwhile: the status is not written back,
    // and the quit member's account is not edited.
    const freeze: MemberOp = { ...update, membership: { create: false, status: 1, frozen: true } };
    const op = downgrade(freeze, standing({ membershipStatus: 2 }));
    expect(op?.membership?.status).toBeUndefined();
    expect(op?.user).toBeUndefined();
  });
});
