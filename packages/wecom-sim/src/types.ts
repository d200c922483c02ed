/** Member status as WeCom reports it: 1 已激活, 2 已禁用, 4 未激活, 5 退出企业. */
export type UserStatus = 1 | 2 | 4 | 5;

/** A department as stored by the simulator (wire names are produced by the routes). */
export interface SimDepartment {
  id: number;
  name: string;
  /** Only set when the corp enabled multi-language; absent from responses otherwise. */
  nameEn?: string;
  /** 0 for the root department (id 1). */
  parentid: number;
  /** Larger sorts first; WeCom assigns large values such as 100000000. */
  order: number;
}

/** A member as stored by the simulator. `department`, `order` and `isLeaderInDept` are parallel arrays. */
export interface SimUser {
  userid: string;
  name: string;
  department: number[];
  order: number[];
  isLeaderInDept: number[];
  mainDepartment: number;
  position: string;
  mobile: string;
  /** A string on the wire: "0" undefined, "1" male, "2" female. */
  gender: '0' | '1' | '2';
  email: string;
  bizMail: string;
  status: UserStatus;
  alias: string;
  telephone: string;
  address: string;
  avatar: string;
  directLeader: string[];
}

export interface SimOrg {
  corpName: string;
  departments: SimDepartment[];
  users: SimUser[];
}

export interface VisibleRange {
  departments: number[];
  users: string[];
}

/** A self-built app (自建应用). */
export interface SimApp {
  agentId: number;
  secret: string;
  name: string;
  /** 可信域名: host, optionally with :port (see README for the port rule). */
  trustedDomain: string;
  /** 企业可信IP; null = not enforced (apps created before 2022-06-20 / check disabled). */
  trustedIps: string[] | null;
  /** Created after 2022-06-20 20:00: sensitive user fields are omitted from user/get and user/list. */
  createdAfter20220620: boolean;
  visibleRange: VisibleRange;
}

export interface SimOptions {
  /** 0 = random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: number;
  users?: number;
  departments?: number;
  leavers?: number;
  disabled?: number;
  latencyMs?: number;
  /** In-flight requests per API per corp before 45033; default 5; 0 = off. */
  concurrencyLimit?: number;
  /** Calls per API per minute before 45009; default 10000 (WeCom's documented limit). */
  freqLimitPerMinute?: number;
  corpId?: string;
  agentId?: number;
  secret?: string;
  contactSecret?: string;
  /** Default 'localhost'. */
  trustedDomain?: string;
  /** Default null (not enforced). */
  trustedIps?: string[] | null;
  /** Default true: a newly created self-built app, as any new deployment would use. */
  createdAfter20220620?: boolean;
  /**
   * Default true: the contacts-sync secret is used from an IP first seen after 2022-08-15, so
   * user/get, user/list, department/list and department/get answer 48009.
   */
  contactSyncNewIp?: boolean;
  /** Errcode for a naturally expired token: 42001 (default) or 40014. */
  expiredTokenErrcode?: 42001 | 40014;
  /** Where "open the app as this member" lands (the app's home page). */
  homeUrl?: string;
  /** Per-attempt timeout of callback deliveries; default 5000 ms like WeCom. */
  callbackTimeoutMs?: number;
  /** Pause between callback attempts; default 1000 ms. */
  callbackRetryDelayMs?: number;
  /** How long a `timeout` fault holds a request before dropping it; default 60000 ms. */
  faultHoldMs?: number;
  /** Injectable clock (epoch ms); default Date.now. `admin.advanceClock` adds an offset on top. */
  now?: () => number;
}
