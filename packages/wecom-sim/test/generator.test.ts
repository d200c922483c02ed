import { describe, expect, it } from 'vitest';
import { generateOrg } from '../src/index';

describe('generateOrg', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateOrg({ seed: 42, users: 2000, departments: 200 });
    const b = generateOrg({ seed: 42, users: 2000, departments: 200 });
    const c = generateOrg({ seed: 43, users: 2000, departments: 200 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('builds a tree of at most depth 6 rooted at department 1 with unique sibling names', () => {
    const org = generateOrg({ seed: 3, users: 100, departments: 1500 });
    expect(org.departments).toHaveLength(1500);
    const byId = new Map(org.departments.map((d) => [d.id, d]));
    expect(byId.get(1)?.parentid).toBe(0);
    let maxDepth = 0;
    const siblings = new Set<string>();
    for (const d of org.departments) {
      let depth = 1;
      for (let p = d.parentid; p !== 0; p = byId.get(p)?.parentid ?? 0) depth++;
      maxDepth = Math.max(maxDepth, depth);
      const key = `${d.parentid}/${d.name}`;
      expect(siblings.has(key)).toBe(false);
      siblings.add(key);
    }
    expect(maxDepth).toBe(6);
  });

  it('produces realistic members: duplicate names, unique case-insensitive userids, several departments, leaders, statuses', () => {
    const org = generateOrg({ seed: 5, users: 5000, departments: 300, leavers: 40, disabled: 60 });
    const names = new Map<string, number>();
    for (const u of org.users) names.set(u.name, (names.get(u.name) ?? 0) + 1);
    expect([...names.values()].some((n) => n > 1)).toBe(true);
    expect(new Set(org.users.map((u) => u.userid.toLowerCase())).size).toBe(5000);
    expect(org.users.some((u) => /^u\d{6}$/.test(u.userid))).toBe(true);
    expect(org.users.some((u) => /^[a-z]+\d*$/.test(u.userid))).toBe(true);
    expect(org.users.every((u) => /^\p{Script=Han}{2,4}$/u.test(u.name))).toBe(true);
    expect(org.users.filter((u) => u.department.length > 1).length).toBeGreaterThan(100);
    expect(org.users.filter((u) => u.isLeaderInDept.includes(1)).length).toBeGreaterThan(50);
    expect(org.users.filter((u) => u.status === 5)).toHaveLength(40);
    expect(org.users.filter((u) => u.status === 2)).toHaveLength(60);
    expect(new Set(org.users.map((u) => u.mobile)).size).toBe(5000);
    expect(org.users.every((u) => /^1[3-9]\d{9}$/.test(u.mobile))).toBe(true);
    expect(
      org.users.every(
        (u) => u.department.length === u.order.length && u.department.includes(u.mainDepartment),
      ),
    ).toBe(true);
  });

  it('generates 50,000 members in 5,000 departments in under 5 s', () => {
    const started = performance.now();
    const org = generateOrg({ seed: 1, users: 50_000, departments: 5_000 });
    const ms = performance.now() - started;
    console.log(`generator: 50k members / 5k departments in ${ms.toFixed(0)} ms`);
    expect(org.users).toHaveLength(50_000);
    expect(org.departments).toHaveLength(5_000);
    expect(ms).toBeLessThan(5_000);
  });
});
