import { GIVEN, SURNAMES, TEAMS, TITLES, UNITS } from './names';
import { createRng, type Rng } from './rng';
import type { SimDepartment, SimOrg, SimUser } from './types';

export interface GenerateOrgOptions {
  seed: number;
  users: number;
  departments: number;
  /** Members placed in department 2 on top of the random spread (default 130). */
  largeDepartment?: number;
  /** Members who left (default 1 % of users). */
  leavers?: number;
  corpName?: string;
}

/**
 * Deterministic organisation: the same options always produce the same departments and members.
 * Department 2 gets `largeDepartment` direct members so user/list needs more than one page of 100;
 * about one member in eight belongs to two or three departments.
 */
export function generateOrg(options: GenerateOrgOptions): SimOrg {
  const rng = createRng(options.seed);
  const corpName = options.corpName ?? '示例科技有限公司';
  const departments = generateDepartments(rng, Math.max(1, options.departments), corpName);
  const total = Math.max(0, options.users);
  const leaverCount = Math.min(total, options.leavers ?? Math.floor(total / 100));
  const large =
    departments.length > 1 ? Math.min(options.largeDepartment ?? 130, total - leaverCount) : 0;
  const ids = new Map<string, number>();
  const all: SimUser[] = [];
  for (let i = 0; i < total; i++) {
    const deptIds = i < large ? [2] : pickDepartments(rng, departments);
    if (i < large && rng.chance(0.1)) {
      const extra = rng.pick(departments).deptId;
      if (!deptIds.includes(extra)) deptIds.push(extra);
    }
    all.push(generateUser(rng, i, ids, deptIds));
  }
  assignLeaders(rng, all, departments);
  // Leavers are drawn from the end, so the large department stays large.
  const left = all.splice(all.length - leaverCount, leaverCount);
  for (const d of departments)
    d.managerUserIds = d.managerUserIds.filter((id) => !left.some((u) => u.userid === id));
  return { corpName, departments, users: all, left };
}

function generateDepartments(rng: Rng, count: number, corpName: string): SimDepartment[] {
  const departments: SimDepartment[] = [
    { deptId: 1, name: corpName, parentId: 0, order: 0, managerUserIds: [] },
  ];
  const depth = new Map<number, number>([[1, 1]]);
  const names = new Map<number, Set<string>>();
  for (let id = 2; id <= count; id++) {
    // Department 2 and the first units hang off the root; later ones go anywhere up to depth 5.
    const candidates = departments.filter((d) => (depth.get(d.deptId) ?? 1) < 5);
    const parent = id <= 4 ? departments[0]! : rng.pick(candidates);
    const level = (depth.get(parent.deptId) ?? 1) + 1;
    const taken = names.get(parent.deptId) ?? new Set<string>();
    names.set(parent.deptId, taken);
    let name = level === 2 ? rng.pick(UNITS) : rng.pick(TEAMS);
    for (let n = 2; taken.has(name); n++)
      name = `${level === 2 ? rng.pick(UNITS) : rng.pick(TEAMS)}${n}`;
    taken.add(name);
    departments.push({
      deptId: id,
      name,
      parentId: parent.deptId,
      order: taken.size,
      managerUserIds: [],
    });
    depth.set(id, level);
  }
  return departments;
}

function pickDepartments(rng: Rng, departments: SimDepartment[]): number[] {
  const result = [rng.pick(departments).deptId];
  if (rng.chance(0.12)) {
    for (let k = rng.chance(0.2) ? 2 : 1; k > 0; k--) {
      const id = rng.pick(departments).deptId;
      if (!result.includes(id)) result.push(id);
    }
  }
  return result;
}

function generateUser(
  rng: Rng,
  index: number,
  ids: Map<string, number>,
  deptIds: number[],
): SimUser {
  const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)] ?? SURNAMES[0]!;
  const g1 = rng.pick(GIVEN);
  const g2 = rng.chance(0.6) ? rng.pick(GIVEN) : undefined;
  const pinyin = surname.pinyin + g1.pinyin + (g2?.pinyin ?? '');
  const seen = (ids.get(pinyin) ?? 0) + 1;
  ids.set(pinyin, seen);
  // DingTalk assigns numeric-looking userids unless the admin sets one; mix both.
  const userid = rng.chance(0.4)
    ? `${(1_000_000_000 + index * 7919) % 9_000_000_000}${index}`
    : seen === 1
      ? pinyin
      : `${pinyin}${seen}`;
  const mobileBody = (index * 1_234_567_891 + 123_457) % 7_000_000_000;
  return {
    userid,
    unionid: `un${((index + 1) * 2654435761) >>> 0}x${index.toString(36)}`,
    name: surname.han + g1.han + (g2?.han ?? ''),
    deptIds,
    leaderIn: [],
    mobile: `1${3_000_000_000 + mobileBody}`,
    email: rng.chance(0.7) ? `${pinyin}${seen > 1 ? seen : ''}@example.com` : '',
    orgEmail: '',
    title: rng.pick(TITLES),
    jobNumber: `E${String(index + 1).padStart(5, '0')}`,
    avatar: '',
    active: !rng.chance(0.03),
    admin: index === 0,
    boss: index === 0,
    hiredDate: 1_500_000_000_000 + index * 86_400_000,
  };
}

function assignLeaders(rng: Rng, users: SimUser[], departments: SimDepartment[]): void {
  for (const dept of departments) {
    if (!rng.chance(0.7)) continue;
    const members = users.filter((u) => u.deptIds.includes(dept.deptId));
    if (members.length === 0) continue;
    const leader = rng.pick(members);
    leader.leaderIn.push(dept.deptId);
    dept.managerUserIds.push(leader.userid);
  }
}
