import { describe, expect, it } from 'vitest';
import { generateOrg } from '../src/index';

describe('generateOrg', () => {
  const org = generateOrg({ seed: 3, users: 500, departments: 40 });

  it('is deterministic for a seed', () => {
    expect(generateOrg({ seed: 3, users: 500, departments: 40 })).toEqual(org);
    expect(generateOrg({ seed: 4, users: 500, departments: 40 })).not.toEqual(org);
  });

  it('has a department of more than 100 direct members, so user/list pages', () => {
    expect(org.users.filter((u) => u.deptIds.includes(2)).length).toBeGreaterThan(100);
  });

  it('puts some members in several departments and keeps every membership valid', () => {
    const ids = new Set(org.departments.map((d) => d.deptId));
    expect(org.users.filter((u) => u.deptIds.length > 1).length).toBeGreaterThan(10);
    for (const u of org.users) for (const d of u.deptIds) expect(ids.has(d)).toBe(true);
  });

  it('builds one tree from root 1 with unique userids and unionids', () => {
    expect(org.departments[0]).toMatchObject({ deptId: 1, parentId: 0 });
    for (const d of org.departments.slice(1))
      expect(ids(org.departments).has(d.parentId)).toBe(true);
    const all = [...org.users, ...org.left];
    expect(new Set(all.map((u) => u.userid)).size).toBe(all.length);
    expect(new Set(all.map((u) => u.unionid)).size).toBe(all.length);
  });

  it('has leavers (1 % by default) and members who have not activated', () => {
    expect(org.left).toHaveLength(5);
    expect(org.users.length).toBe(495);
    expect(org.users.some((u) => !u.active)).toBe(true);
  });
});

const ids = (ds: { deptId: number }[]) => new Set(ds.map((d) => d.deptId));
