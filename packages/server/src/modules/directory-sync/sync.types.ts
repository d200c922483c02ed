import type { DirectorySnapshot, ExtDepartment, ExtMember } from '../../connectors/kit';

/** What a plan is computed from: the external snapshot (as stored) plus the local state. */
export type StoredSnapshot = Pick<
  DirectorySnapshot,
  'departments' | 'members' | 'partial' | 'outsideRange'
>;
export type { ExtDepartment, ExtMember };

export interface LocalDepartment {
  id: number;
  parentId: number | null;
  name: string;
  order: number;
  /** External id when the department is mirrored from the connector; null for local ones. */
  extId: string | null;
}

/** A tenant member, or (inTenant false) an account elsewhere in the system that matched. */
export interface LocalUser {
  userId: number;
  username: string;
  realname: string;
  phone: string | null;
  email: string | null;
  position: string | null;
  /** Membership status in this tenant (1 normal, 2 quit, 3 pending, 4 refused, 5 invited); null = none. */
  membershipStatus: number | null;
  frozen: boolean;
  departmentIds: number[];
  mainDepartmentId: number | null;
}

export interface LocalBinding {
  id: number;
  corpId: string;
  userId: number;
  extUserId: string;
  extName: string;
  active: boolean;
  extData: Record<string, unknown> | null;
}

/** A WeCom member an admin unbound (移出): syncs leave it unbound until it is paired by hand. */
export interface LocalUnpaired {
  corpId: string;
  extUserId: string;
  /** The account it was bound to. */
  userId: number;
}

export interface LocalState {
  houseNumber: string;
  departments: LocalDepartment[];
  /** Members of this tenant (any membership status). */
  members: LocalUser[];
  /** Accounts outside the tenant that share a generated username, mobile or e-mail. */
  outsiders: LocalUser[];
  bindings: LocalBinding[];
  /** 移出 markers of this third type (every corp). */
  unpaired: LocalUnpaired[];
}

/** The local state without the outsiders, which only WeCom's member list can name. */
export type TenantSide = Omit<LocalState, 'outsiders'>;

export type MatchKind = 'bound' | 'username' | 'mobile' | 'email' | 'name' | 'none';

export interface PlanPair {
  wechatUserId: string;
  wechatName: string;
  wechatDepartmentIds: string[];
  wechatStatus: ExtMember['status'];
  userId: number | null;
  username: string | null;
  realname: string | null;
  match: MatchKind;
  /** Same normalised name on either side: never auto-paired, the admin decides. */
  ambiguous: boolean;
  /** Users the admin may pick for an ambiguous row. */
  candidates?: number[];
  /** The proposed user is not a member of this tenant: binding makes a pending membership. */
  outsider?: boolean;
  /**
   * Unbound by an admin (移出): never paired or created automatically; an explicit pair in the
   * apply decisions binds it again and clears the marker.
   */
  unpaired?: boolean;
}

export interface UnmatchedLocal {
  userId: number;
  username: string;
  realname: string;
  ambiguous: boolean;
}

export interface MemberUpdate {
  wechatUserId: string;
  userId: number;
  fields: string[];
}

export interface Leaver {
  wechatUserId: string;
  userId: number;
  reason: 'deleted' | 'left';
}

export interface SyncPlan {
  departments: {
    create: { extId: string; name: string; parentExtId: string | null }[];
    rename: { id: number; extId: string; from: string; to: string }[];
    move: {
      id: number;
      extId: string;
      fromParentId: number | null;
      toParentExtId: string | null;
    }[];
    reorder: { id: number; extId: string; order: number }[];
    remove: { id: number; extId: string; name: string }[];
  };
  members: {
    pairs: PlanPair[];
    unmatchedLocal: UnmatchedLocal[];
    toCreate: string[];
    toPending: string[];
    toUpdate: MemberUpdate[];
    leavers: Leaver[];
  };
  partial: boolean;
  counts: PlanCounts;
}

export interface PlanCounts {
  wecomMembers: number;
  wecomDepartments: number;
  bound: number;
  matched: number;
  ambiguous: number;
  create: number;
  bind: number;
  pending: number;
  update: number;
  leave: number;
  /** Bound members the app cannot see but the whole-corp listing has: kept, not marked left. */
  outsideRange: number;
  /** WeCom members left unbound because an admin unbound them (移出). */
  unpaired: number;
  unmatchedLocal: number;
  departmentsCreate: number;
  departmentsRename: number;
  departmentsMove: number;
  departmentsRemove: number;
}

/** The admin's choices on top of the proposal (apply body). */
export interface Decisions {
  pairs: { wechatUserId: string; userId: number | null }[];
  exclude: string[];
}
