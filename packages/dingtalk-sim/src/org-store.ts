/**
 * The simulated directory: departments, members, members who left. Every change is reported to
 * `onChange` so the callback module can push the matching contact event.
 */
import type { SimDepartment, SimOrg, SimUser } from './types';

export type OrgChange =
  | { type: 'user_add_org' | 'user_modify_org' | 'user_leave_org'; userIds: string[] }
  | { type: 'org_dept_create' | 'org_dept_modify' | 'org_dept_remove'; deptIds: number[] };

/** A refusal of an admin operation, with the HTTP status the admin API answers. */
export class SimAdminError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'SimAdminError';
  }
}

export interface NewUser {
  userid: string;
  name: string;
  deptIds: number[];
  mobile?: string;
  email?: string;
  title?: string;
}
export type UserPatch = Partial<Omit<SimUser, 'userid' | 'unionid'>>;
export interface NewDepartment {
  name: string;
  parentId: number;
  deptId?: number;
}

export function createOrgStore(initial: SimOrg, onChange: (c: OrgChange) => void) {
  const depts = new Map<number, SimDepartment>(
    initial.departments.map((d) => [d.deptId, structuredClone(d)]),
  );
  const users = new Map<string, SimUser>(initial.users.map((u) => [u.userid, structuredClone(u)]));
  const left = new Map<string, SimUser>(initial.left.map((u) => [u.userid, structuredClone(u)]));
  let members: Map<number, SimUser[]> | null = null;

  /** Direct members per department, in a stable order (rebuilt lazily after a change). */
  function membersOf(deptId: number): SimUser[] {
    if (!members) {
      members = new Map();
      for (const u of users.values())
        for (const d of u.deptIds) {
          const list = members.get(d);
          if (list) list.push(u);
          else members.set(d, [u]);
        }
    }
    return members.get(deptId) ?? [];
  }

  const changed = (c: OrgChange) => {
    members = null;
    onChange(c);
  };

  function requireDepts(ids: number[]): void {
    if (ids.length === 0) throw new SimAdminError('a member needs at least one department');
    for (const id of ids)
      if (!depts.has(id)) throw new SimAdminError(`department ${id} does not exist`, 404);
  }

  function subtree(rootId: number): number[] {
    const out = [rootId];
    for (let i = 0; i < out.length; i++)
      for (const d of depts.values())
        if (d.parentId === out[i] && d.deptId !== rootId) out.push(d.deptId);
    return out;
  }

  return {
    corpName: initial.corpName,
    getDept: (id: number) => depts.get(id),
    children: (id: number) =>
      [...depts.values()].filter((d) => d.parentId === id && d.deptId !== id),
    departments: () => [...depts.values()],
    subtree,
    getUser: (userid: string) => users.get(userid),
    getLeft: (userid: string) => left.get(userid),
    findByUnionId: (unionid: string) => [...users.values()].find((u) => u.unionid === unionid),
    users: () => [...users.values()],
    leftUsers: () => [...left.values()],
    membersOf,
    addUser(n: NewUser): SimUser {
      if (!/^[\w.@-]{1,64}$/.test(n.userid))
        throw new SimAdminError('userid must be 1–64 letters, digits, _ . @ -');
      if (users.has(n.userid)) throw new SimAdminError(`userid ${n.userid} exists`, 409);
      requireDepts(n.deptIds);
      const u: SimUser = {
        userid: n.userid,
        unionid: `un${Buffer.from(n.userid).toString('hex').slice(0, 20)}`,
        name: n.name,
        deptIds: [...n.deptIds],
        leaderIn: [],
        mobile: n.mobile ?? '',
        email: n.email ?? '',
        orgEmail: '',
        title: n.title ?? '',
        jobNumber: '',
        avatar: '',
        active: true,
        admin: false,
        boss: false,
        hiredDate: Date.now(),
      };
      users.set(u.userid, u);
      left.delete(u.userid);
      changed({ type: 'user_add_org', userIds: [u.userid] });
      return u;
    },
    updateUser(userid: string, patch: UserPatch): SimUser {
      const u = users.get(userid);
      if (!u) throw new SimAdminError(`no member ${userid}`, 404);
      if (patch.deptIds) requireDepts(patch.deptIds);
      Object.assign(u, structuredClone(patch));
      changed({ type: 'user_modify_org', userIds: [userid] });
      return u;
    },
    /** The member leaves the corp (离职): gone from every list, user/get answers 60121. */
    removeUser(userid: string): void {
      const u = users.get(userid);
      if (!u) throw new SimAdminError(`no member ${userid}`, 404);
      users.delete(userid);
      left.set(userid, u);
      for (const d of depts.values())
        d.managerUserIds = d.managerUserIds.filter((id) => id !== userid);
      changed({ type: 'user_leave_org', userIds: [userid] });
    },
    addDepartment(n: NewDepartment): SimDepartment {
      if (!depts.has(n.parentId))
        throw new SimAdminError(`parent ${n.parentId} does not exist`, 404);
      const id = n.deptId ?? Math.max(...depts.keys()) + 1;
      if (depts.has(id)) throw new SimAdminError(`department ${id} exists`, 409);
      const d: SimDepartment = {
        deptId: id,
        name: n.name,
        parentId: n.parentId,
        order: 0,
        managerUserIds: [],
      };
      depts.set(id, d);
      changed({ type: 'org_dept_create', deptIds: [id] });
      return d;
    },
    updateDepartment(
      id: number,
      patch: Partial<Pick<SimDepartment, 'name' | 'parentId' | 'order'>>,
    ): SimDepartment {
      const d = depts.get(id);
      if (!d) throw new SimAdminError(`department ${id} does not exist`, 404);
      if (patch.parentId !== undefined && subtree(id).includes(patch.parentId))
        throw new SimAdminError('a department cannot move under itself');
      Object.assign(d, patch);
      changed({ type: 'org_dept_modify', deptIds: [id] });
      return d;
    },
    /** DingTalk refuses to delete a department that still has members or sub-departments. */
    removeDepartment(id: number): void {
      if (id === 1) throw new SimAdminError('the root department cannot be removed');
      if (!depts.has(id)) throw new SimAdminError(`department ${id} does not exist`, 404);
      if (membersOf(id).length > 0 || subtree(id).length > 1)
        throw new SimAdminError('department still has members or sub-departments', 409);
      depts.delete(id);
      changed({ type: 'org_dept_remove', deptIds: [id] });
    },
  };
}

export type OrgStore = ReturnType<typeof createOrgStore>;
