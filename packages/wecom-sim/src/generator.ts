import { FUNCTIONS, GIVEN_PARTS, POSITIONS, SURNAME_PARTS, TEAMS, UNITS } from './names';
import { createRng, type Rng } from './rng';
import type { SimDepartment, SimOrg, SimUser, UserStatus } from './types';

export interface GenerateOrgOptions {
  seed: number;
  users: number;
  departments: number;
  /** Root is depth 1; default 6. */
  maxDepth?: number;
  /** Members with status 5 (退出企业); default 1 % of users. */
  leavers?: number;
  /** Members with status 2 (已禁用); default 2 % of users. */
  disabled?: number;
  corpName?: string;
}

/** WeCom hands out large descending orders (100000000, 99999000, …) for siblings. */
const FIRST_ORDER = 100_000_000;

/**
 * Deterministic organisation: the same options always produce the same departments and members
 * (ids, names, orders, memberships). Everything is O(users + departments).
 */
export function generateOrg(options: GenerateOrgOptions): SimOrg {
  const rng = createRng(options.seed);
  const corpName = options.corpName ?? '示例科技有限公司';
  const departments = generateDepartments(
    rng,
    Math.max(1, options.departments),
    options.maxDepth ?? 6,
    corpName,
  );
  const users = generateUsers(rng, options, departments);
  return { corpName, departments, users };
}

function generateDepartments(
  rng: Rng,
  count: number,
  maxDepth: number,
  corpName: string,
): SimDepartment[] {
  const departments: SimDepartment[] = [{ id: 1, name: corpName, parentid: 0, order: FIRST_ORDER }];
  const depth = new Map<number, number>([[1, 1]]);
  const siblingNames = new Map<number, Set<string>>();
  const eligibleParents: number[] = maxDepth > 1 ? [1] : [];
  for (let id = 2; id <= count && eligibleParents.length > 0; id++) {
    const parentid = rng.pick(eligibleParents);
    const level = (depth.get(parentid) ?? 1) + 1;
    const names = siblingNames.get(parentid) ?? new Set<string>();
    siblingNames.set(parentid, names);
    const name = uniqueName(baseDepartmentName(rng, level), names);
    departments.push({ id, name, parentid, order: FIRST_ORDER - (names.size - 1) * 1000 });
    depth.set(id, level);
    if (level < maxDepth) eligibleParents.push(id);
  }
  return departments;
}

function baseDepartmentName(rng: Rng, level: number): string {
  if (level === 2) return rng.pick(UNITS);
  if (level === 3) return rng.pick(FUNCTIONS);
  return rng.pick(TEAMS);
}

/** Sibling departments must have distinct names in WeCom. */
function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

function generateUsers(
  rng: Rng,
  options: GenerateOrgOptions,
  departments: SimDepartment[],
): SimUser[] {
  const count = Math.max(0, options.users);
  const idCounts = new Map<string, number>();
  const users: SimUser[] = new Array<SimUser>(count);
  const deptMembers = new Map<number, SimUser[]>();
  for (let i = 0; i < count; i++) {
    const user = generateUser(rng, i, idCounts, departments);
    users[i] = user;
    for (const deptId of user.department) {
      const list = deptMembers.get(deptId);
      if (list) list.push(user);
      else deptMembers.set(deptId, [user]);
    }
  }
  assignLeaders(rng, deptMembers);
  assignStatuses(rng, users, options.leavers ?? Math.floor(count / 100), 5);
  assignStatuses(rng, users, options.disabled ?? Math.floor(count / 50), 2);
  assignStatuses(rng, users, Math.floor(count / 40), 4);
  return users;
}

function generateUser(
  rng: Rng,
  index: number,
  idCounts: Map<string, number>,
  departments: SimDepartment[],
): SimUser {
  // Squaring the uniform draw favours common surnames, which yields realistic duplicate names.
  const surname =
    SURNAME_PARTS[Math.floor(rng.next() ** 2 * SURNAME_PARTS.length)] ?? SURNAME_PARTS[0]!;
  const given1 = rng.pick(GIVEN_PARTS);
  const given2 = rng.chance(0.6) ? rng.pick(GIVEN_PARTS) : undefined;
  const name = surname.han + given1.han + (given2?.han ?? '');
  const userid = makeUserid(
    rng,
    index,
    surname.pinyin + given1.pinyin + (given2?.pinyin ?? ''),
    idCounts,
  );
  const department = pickDepartments(rng, departments);
  // A bijection on [0, 7e9): unique, varied mobiles without a uniqueness set.
  const mobileBody = (index * 1_234_567_891 + 123_457) % 7_000_000_000;
  return {
    userid,
    name,
    department,
    order: department.map(() => 0),
    isLeaderInDept: department.map(() => 0),
    mainDepartment: department[0] ?? 1,
    position: rng.pick(POSITIONS),
    mobile: `1${3_000_000_000 + mobileBody}`,
    gender: rng.chance(0.04) ? '0' : rng.chance(0.5) ? '1' : '2',
    email: rng.chance(0.8) ? `${userid.toLowerCase()}@example.com` : '',
    bizMail: `${userid.toLowerCase()}@example.wecom.work`,
    status: 1,
    alias: '',
    telephone: rng.chance(0.2) ? `010-${String(60_000_000 + index).slice(0, 8)}` : '',
    address: '',
    avatar: `https://wework.qpic.cn/wwpic/${(index * 2654435761) >>> 0}/0`,
    directLeader: [],
  };
}

/** Pinyin ids (zhangwei, zhangwei2, a few capitalised to exercise case-insensitivity) or u000123. */
function makeUserid(
  rng: Rng,
  index: number,
  pinyin: string,
  idCounts: Map<string, number>,
): string {
  if (rng.chance(0.25)) return `u${String(index + 1).padStart(6, '0')}`;
  const seen = (idCounts.get(pinyin) ?? 0) + 1;
  idCounts.set(pinyin, seen);
  const id = seen === 1 ? pinyin : `${pinyin}${seen}`;
  return rng.chance(0.03) ? id.charAt(0).toUpperCase() + id.slice(1) : id;
}

function pickDepartments(rng: Rng, departments: SimDepartment[]): number[] {
  const first = rng.pick(departments).id;
  const extra = rng.chance(0.12) ? (rng.chance(0.2) ? 2 : 1) : 0;
  const result = [first];
  for (let k = 0; k < extra; k++) {
    const id = rng.pick(departments).id;
    if (!result.includes(id)) result.push(id);
  }
  return result;
}

function assignLeaders(rng: Rng, deptMembers: Map<number, SimUser[]>): void {
  for (const [deptId, members] of deptMembers) {
    if (!rng.chance(0.7)) continue;
    const leader = rng.pick(members);
    leader.isLeaderInDept[leader.department.indexOf(deptId)] = 1;
    for (const member of members) {
      if (member !== leader && member.mainDepartment === deptId)
        member.directLeader = [leader.userid];
    }
  }
}

function assignStatuses(rng: Rng, users: SimUser[], wanted: number, status: UserStatus): void {
  let assigned = 0;
  for (
    let attempts = 0;
    assigned < Math.min(wanted, users.length) && attempts < wanted * 20;
    attempts++
  ) {
    const user = users[rng.int(users.length)];
    if (user && user.status === 1) {
      user.status = status;
      assigned++;
    }
  }
}
