import type { SimDepartment, SimOrg, SimUser } from './types';

/** Admin-side refusal, carrying the errcode WeCom's own contact-write API would use. */
export class SimAdminError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'SimAdminError';
  }
}

/** Emitted after every org mutation; the callback module turns these into change_contact events. */
export type OrgChange =
  | { type: 'create_user'; user: SimUser }
  | {
      type: 'update_user';
      userid: string;
      newUserid?: string;
      changed: (keyof SimUser)[];
      user: SimUser;
    }
  | { type: 'delete_user'; userid: string }
  | { type: 'create_party'; department: SimDepartment }
  | {
      type: 'update_party';
      department: SimDepartment;
      nameChanged: boolean;
      parentChanged: boolean;
    }
  | { type: 'delete_party'; id: number };

export type NewUser = Pick<SimUser, 'userid' | 'name' | 'department'> & Partial<SimUser>;
export type UserPatch = Partial<Omit<SimUser, 'userid'>> & { newUserid?: string };
export type NewDepartment = Pick<SimDepartment, 'name' | 'parentid'> & Partial<SimDepartment>;
export type DepartmentPatch = Partial<Omit<SimDepartment, 'id'>>;

const key = (userid: string): string => userid.toLowerCase();

/**
 * The corp's contacts, indexed so that every read the API serves is proportional to its answer:
 * users by lower-cased userid (userids are case-insensitive), direct members and children per department.
 */
export function createOrgStore(org: SimOrg, onChange: (change: OrgChange) => void = () => {}) {
  const departments = new Map<number, SimDepartment>();
  const children = new Map<number, Set<number>>();
  const users = new Map<string, SimUser>();
  const members = new Map<number, Set<string>>();
  let version = 0;

  const link = (user: SimUser): void => {
    for (const d of user.department) members.get(d)?.add(key(user.userid));
  };
  const unlink = (user: SimUser): void => {
    for (const d of user.department) members.get(d)?.delete(key(user.userid));
  };
  const putDepartment = (dept: SimDepartment): void => {
    departments.set(dept.id, dept);
    if (!children.has(dept.id)) children.set(dept.id, new Set());
    if (!members.has(dept.id)) members.set(dept.id, new Set());
    if (dept.parentid !== 0) children.get(dept.parentid)?.add(dept.id);
  };

  for (const dept of org.departments) putDepartment({ ...dept });
  // Parents may be listed after their children in hand-written orgs, so link children in a second pass.
  for (const dept of departments.values())
    if (dept.parentid !== 0) children.get(dept.parentid)?.add(dept.id);
  for (const user of org.users) {
    // Copy the arrays so admin mutations never touch the generated org that reset() restores from.
    const copy: SimUser = {
      ...user,
      department: [...user.department],
      order: [...user.order],
      isLeaderInDept: [...user.isLeaderInDept],
      directLeader: [...user.directLeader],
    };
    users.set(key(copy.userid), copy);
    link(copy);
  }

  const changed = (change: OrgChange): void => {
    version++;
    onChange(change);
  };

  const requireDepartment = (id: number): SimDepartment => {
    const dept = departments.get(id);
    if (!dept) throw new SimAdminError(60003, `department ${id} not found`, 404);
    return dept;
  };
  const requireUser = (userid: string): SimUser => {
    const user = users.get(key(userid));
    if (!user) throw new SimAdminError(60111, `userid ${userid} not found`, 404);
    return user;
  };
  const checkDepartments = (ids: number[]): void => {
    if (ids.length === 0) throw new SimAdminError(40066, 'a member needs at least one department');
    for (const id of ids) requireDepartment(id);
  };
  const checkSiblingName = (parentid: number, name: string, self?: number): void => {
    for (const sibling of children.get(parentid) ?? []) {
      if (sibling !== self && departments.get(sibling)?.name === name) {
        throw new SimAdminError(
          60008,
          `department name ${name} already exists under ${parentid}`,
          409,
        );
      }
    }
  };

  /** Department ids of `id` and every descendant (iterative, the tree can be deep). */
  function descendants(id: number): number[] {
    const result: number[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop() as number;
      if (!departments.has(current)) continue;
      result.push(current);
      for (const child of children.get(current) ?? []) stack.push(child);
    }
    return result;
  }

  function addUser(input: NewUser): SimUser {
    if (users.has(key(input.userid)))
      throw new SimAdminError(60102, `userid ${input.userid} exists`, 409);
    if (!/^[0-9A-Za-z][0-9A-Za-z_\-@.]{0,63}$/.test(input.userid)) {
      throw new SimAdminError(40003, `invalid userid ${input.userid}`);
    }
    checkDepartments(input.department);
    const user: SimUser = {
      order: input.department.map(() => 0),
      isLeaderInDept: input.department.map(() => 0),
      mainDepartment: input.department[0] as number,
      position: '',
      mobile: '',
      gender: '0',
      email: '',
      bizMail: '',
      status: 1,
      alias: '',
      telephone: '',
      address: '',
      avatar: '',
      directLeader: [],
      ...input,
    };
    users.set(key(user.userid), user);
    link(user);
    changed({ type: 'create_user', user });
    return user;
  }

  function updateUser(userid: string, patch: UserPatch): SimUser {
    const user = requireUser(userid);
    const { newUserid, ...fields } = patch;
    if (fields.department) checkDepartments(fields.department);
    if (newUserid && key(newUserid) !== key(userid) && users.has(key(newUserid))) {
      throw new SimAdminError(60102, `userid ${newUserid} exists`, 409);
    }
    const changedKeys = (Object.keys(fields) as (keyof SimUser)[]).filter(
      (k) => JSON.stringify((fields as Partial<SimUser>)[k]) !== JSON.stringify(user[k]),
    );
    const before = new Map<number, Slot>(
      user.department.map((d, i) => [
        d,
        { order: user.order[i] ?? 0, leader: user.isLeaderInDept[i] ?? 0 },
      ]),
    );
    unlink(user);
    users.delete(key(user.userid));
    Object.assign(user, fields);
    if (fields.department) alignDepartmentArrays(user, fields, before);
    const oldUserid = user.userid;
    if (newUserid) user.userid = newUserid;
    users.set(key(user.userid), user);
    link(user);
    const renamed = newUserid !== undefined && newUserid !== oldUserid;
    changed({
      type: 'update_user',
      userid: oldUserid,
      ...(renamed ? { newUserid } : {}),
      changed: changedKeys,
      user,
    });
    return user;
  }

  function deleteUser(userid: string): void {
    const user = requireUser(userid);
    unlink(user);
    users.delete(key(user.userid));
    changed({ type: 'delete_user', userid: user.userid });
  }

  function addDepartment(input: NewDepartment): SimDepartment {
    requireDepartment(input.parentid);
    const id = input.id ?? Math.max(0, ...departments.keys()) + 1;
    if (departments.has(id)) throw new SimAdminError(60010, `department ${id} exists`, 409);
    checkSiblingName(input.parentid, input.name);
    const dept: SimDepartment = {
      order: 100_000_000 - (children.get(input.parentid)?.size ?? 0) * 1000,
      ...input,
      id,
    };
    putDepartment(dept);
    changed({ type: 'create_party', department: dept });
    return dept;
  }

  function updateDepartment(id: number, patch: DepartmentPatch): SimDepartment {
    const dept = requireDepartment(id);
    const parentid = patch.parentid ?? dept.parentid;
    if (patch.parentid !== undefined && patch.parentid !== dept.parentid) {
      requireDepartment(patch.parentid);
      if (id === 1 || descendants(id).includes(patch.parentid)) {
        throw new SimAdminError(60009, 'a department cannot move under itself');
      }
    }
    checkSiblingName(parentid, patch.name ?? dept.name, id);
    const nameChanged = patch.name !== undefined && patch.name !== dept.name;
    const parentChanged = parentid !== dept.parentid;
    children.get(dept.parentid)?.delete(id);
    Object.assign(dept, patch);
    if (dept.parentid !== 0) children.get(dept.parentid)?.add(id);
    changed({ type: 'update_party', department: dept, nameChanged, parentChanged });
    return dept;
  }

  function deleteDepartment(id: number): void {
    requireDepartment(id);
    if ((children.get(id)?.size ?? 0) > 0)
      throw new SimAdminError(60006, 'department has sub-departments', 409);
    if ((members.get(id)?.size ?? 0) > 0)
      throw new SimAdminError(60005, 'department has members', 409);
    const dept = departments.get(id) as SimDepartment;
    children.get(dept.parentid)?.delete(id);
    departments.delete(id);
    children.delete(id);
    members.delete(id);
    changed({ type: 'delete_party', id });
  }

  return {
    get version() {
      return version;
    },
    getUser: (userid: string): SimUser | undefined => users.get(key(userid)),
    getDepartment: (id: number): SimDepartment | undefined => departments.get(id),
    allUsers: (): IterableIterator<SimUser> => users.values(),
    allDepartments: (): IterableIterator<SimDepartment> => departments.values(),
    userCount: (): number => users.size,
    /** Direct members, in insertion order. */
    membersOf(id: number): SimUser[] {
      const result: SimUser[] = [];
      for (const k of members.get(id) ?? []) {
        const user = users.get(k);
        if (user) result.push(user);
      }
      return result;
    },
    childrenOf: (id: number): number[] => [...(children.get(id) ?? [])],
    descendants,
    /** Userids of the department's leaders (members flagged is_leader_in_dept there). */
    leadersOf(id: number): string[] {
      const result: string[] = [];
      for (const k of members.get(id) ?? []) {
        const user = users.get(k);
        if (user && user.isLeaderInDept[user.department.indexOf(id)] === 1)
          result.push(user.userid);
      }
      return result;
    },
    addUser,
    updateUser,
    deleteUser,
    addDepartment,
    updateDepartment,
    deleteDepartment,
  };
}

export type OrgStore = ReturnType<typeof createOrgStore>;

type Slot = { order: number; leader: number };

/** Keep order / is_leader_in_dept parallel to a new department list, carrying values of kept departments. */
function alignDepartmentArrays(user: SimUser, patch: UserPatch, before: Map<number, Slot>): void {
  const department = user.department;
  if (patch.order?.length !== department.length)
    user.order = department.map((d) => before.get(d)?.order ?? 0);
  if (patch.isLeaderInDept?.length !== department.length) {
    user.isLeaderInDept = department.map((d) => before.get(d)?.leader ?? 0);
  }
  if (!department.includes(user.mainDepartment)) user.mainDepartment = department[0] as number;
}
