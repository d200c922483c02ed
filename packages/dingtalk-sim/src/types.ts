/** A department as stored by the simulator (wire names are produced by the routes). */
export interface SimDepartment {
  deptId: number;
  name: string;
  /** 0 for the root department (1). */
  parentId: number;
  order: number;
  managerUserIds: string[];
}

/** A member. Members who left (离职) are kept in `left` of the store, not here. */
export interface SimUser {
  userid: string;
  unionid: string;
  name: string;
  deptIds: number[];
  /** Departments this member leads. */
  leaderIn: number[];
  mobile: string;
  email: string;
  orgEmail: string;
  title: string;
  jobNumber: string;
  avatar: string;
  /** false: invited, has not activated DingTalk (未激活). */
  active: boolean;
  admin: boolean;
  boss: boolean;
  hiredDate: number;
}

export interface SimOrg {
  corpName: string;
  departments: SimDepartment[];
  users: SimUser[];
  /** Members who left before the simulator started. */
  left: SimUser[];
}

export interface SimOptions {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  seed?: number;
  users?: number;
  departments?: number;
  /** Members in the largest department (default 130, so user/list needs two pages). */
  largeDepartment?: number;
  /** Members who left (default 1 % of users). */
  leavers?: number;
  corpId?: string;
  appKey?: string;
  appSecret?: string;
  agentId?: number;
  /** Calls per second per interface before 90018 (default 20, the standard edition; 0 = off). */
  qps?: number;
  /** Calls per minute per interface before 90006 (default 1,500; 0 = off). */
  perMinute?: number;
  /** Whether the app holds 成员手机号 permission (mobile in user answers); default true. */
  mobilePermission?: boolean;
  /**
   * The app's contact scope (通讯录权限范围): departments (with their sub-departments) and members
   * it may read. Default null = all employees (全部员工).
   */
  contactScope?: ContactScope | null;
  latencyMs?: number;
  /** Extra random delay per call, uniform in [0, jitterMs): arrivals then reorder like on a network. */
  jitterMs?: number;
  /** Where "open the app as this member" lands (the app's home page). */
  homeUrl?: string;
  /** How long a `timeout` fault holds a request before dropping it; default 60 000 ms. */
  faultHoldMs?: number;
  /**
   * How long a work-notice task stays "processing" (getsendprogress status 1, partial
   * getsendresult, nothing in the inboxes) in simulated time; default 0 = done at once.
   */
  sendProcessingMs?: number;
  callbackTimeoutMs?: number;
  callbackRetryDelayMs?: number;
  now?: () => number;
}

export interface ContactScope {
  deptIds: number[];
  userIds: string[];
}
