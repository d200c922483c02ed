import type { DirectorySnapshot, ExtDepartment, ExtMember } from '../../connectors/kit';
import type { Standing } from '../policy/trust';
import type { LookupReport } from './lookup';

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

/**
 * A tenant member, or (membershipStatus null) an account elsewhere in the system that matched,
 * with its standing seen from the tenant (policy/trust.ts decides what the sync may do with it).
 */
export interface LocalUser extends Standing {
  userId: number;
  username: string;
  realname: string;
  phone: string | null;
  email: string | null;
  position: string | null;
  frozen: boolean;
  /** What this tenant calls the member when the account is shared (memberships.display_name). */
  displayName: string | null;
  /** The tenant-scoped position of a shared account (memberships.position). */
  membershipPosition: string | null;
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

/**
 * The latest open or refused link request of a WeCom member (PRODUCT.md §7): `pending` waits for
 * the account's owner; `refused` = the owner said no, so syncs do not ask again until an admin
 * pairs the member by hand.
 */
export interface LocalLinkRequest {
  id: number;
  corpId: string;
  extUserId: string;
  userId: number;
  status: 'pending' | 'refused';
}

/** A WeCom member an admin left out (排除): no run creates, pairs or binds it until lifted. */
export interface LocalExclusion {
  corpId: string;
  extUserId: string;
  extName: string;
}

export interface LocalState {
  houseNumber: string;
  departments: LocalDepartment[];
  /** Members of this tenant (any membership status). */
  members: LocalUser[];
  /** Accounts outside the tenant that share a mobile or e-mail with a WeCom member. */
  outsiders: LocalUser[];
  bindings: LocalBinding[];
  /** 移出 markers of this third type (every corp). */
  unpaired: LocalUnpaired[];
  /** Latest pending or refused link request per WeCom member, this third type (every corp). */
  linkRequests: LocalLinkRequest[];
  /** 排除 markers of this third type (every corp). */
  exclusions: LocalExclusion[];
}

/** What the local state says about one corp: its bindings, 移出 markers and link requests. */
export interface CorpState {
  bindings: LocalBinding[];
  /** 移出 markers (lower-cased WeCom userids). */
  unpaired: ReadonlySet<string>;
  /** Pending link requests by lower-cased WeCom userid. */
  pending: Map<string, LocalLinkRequest>;
  /** Members whose latest request the owner refused (lower-cased userids). */
  refused: ReadonlySet<string>;
  /** 排除 markers of this corp, by lower-cased userid. */
  excluded: ReadonlyMap<string, LocalExclusion>;
}

/** The local state without the outsiders, which only WeCom's member list can name. */
export type TenantSide = Omit<LocalState, 'outsiders'>;

/** `requested`: a link request for this member waits for the account's owner. */
export type MatchKind = 'bound' | 'requested' | 'username' | 'mobile' | 'email' | 'name' | 'none';

export interface PlanPair {
  wechatUserId: string;
  wechatName: string;
  wechatDepartmentIds: string[];
  wechatStatus: ExtMember['status'];
  /** What WeCom calls the member's job, to tell two namesakes apart. */
  wechatPosition: string | null;
  /** Masked (138****5678): never the full number to the console. Null when WeCom hides it. */
  wechatMobile: string | null;
  userId: number | null;
  username: string | null;
  realname: string | null;
  match: MatchKind;
  /** Same normalised name on either side: never auto-paired, the admin decides. */
  ambiguous: boolean;
  /** Users the admin may pick for an ambiguous row. */
  candidates?: number[];
  /**
   * The proposed account is not a member of this tenant: the plan shows no identifier of it
   * (userId, username, realname are null) and applying asks its owner (a link request).
   */
  outsider?: boolean;
  /**
   * The proposed account is not the tenant's own (shared, a pending/refused/quit/invited member,
   * or outside the tenant), or a link request is open: nothing is bound until its owner accepts.
   */
  awaitingOwner?: boolean;
  /** The account's owner refused the last link request: no sync asks again until paired by hand. */
  ownerRefused?: boolean;
  /**
   * Unbound by an admin (移出): never paired or created automatically; an explicit pair in the
   * apply decisions binds it again and clears the marker.
   */
  unpaired?: boolean;
  /**
   * Left out by an admin (排除): no proposal, never created, paired or bound by a run until an
   * admin lifts it (apply `include`, or an account picked for it by hand).
   */
  excluded?: boolean;
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
    /** Always empty: a sync no longer creates pending memberships (kept for the API's shape). */
    toPending: string[];
    /** WeCom members whose pairing asks the account's owner (link requests this apply creates). */
    toLinkRequest: string[];
    toUpdate: MemberUpdate[];
    leavers: Leaver[];
    /** Every 排除 marker of this corp (also of members no longer in WeCom), for listing and undo. */
    exclusions: { wechatUserId: string; wechatName: string }[];
    /** WeCom department id → its path from the root ("总部 / 研发部 / 前端组"). */
    departmentPaths: Record<string, string>;
  };
  partial: boolean;
  counts: PlanCounts;
  /** Lookups by mobile / e-mail this preview made (providers that hide both; lookup.ts). */
  lookups?: LookupReport;
}

export interface PlanCounts {
  wecomMembers: number;
  wecomDepartments: number;
  bound: number;
  matched: number;
  ambiguous: number;
  create: number;
  bind: number;
  /** Always 0: pending memberships are created on the owner's acceptance, not by sync. */
  pending: number;
  /** Link requests this apply creates (accounts that are not the tenant's own). */
  linkRequests: number;
  /** Pending link requests withdrawn: the member left WeCom, or the admin paired it otherwise. */
  linkRequestsCancelled: number;
  update: number;
  leave: number;
  /** Bound members the app cannot see but the whole-corp listing has: kept, not marked left. */
  outsideRange: number;
  /** WeCom members left unbound because an admin unbound them (移出). */
  unpaired: number;
  /** WeCom members left unbound because the account's owner refused the link request. */
  ownerRefused: number;
  /** WeCom members left out by an admin (排除): nothing created, paired or bound. */
  excluded: number;
  unmatchedLocal: number;
  departmentsCreate: number;
  departmentsRename: number;
  departmentsMove: number;
  departmentsRemove: number;
}

/** The admin's choices on top of the proposal (apply body). */
export interface Decisions {
  pairs: { wechatUserId: string; userId: number | null }[];
  /** Leave these members out, in this run and every later one (stored). */
  exclude: string[];
  /** Lift these members' stored exclusions: created, or paired with the account in `pairs`. */
  include?: string[];
}
