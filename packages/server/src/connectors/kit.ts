/**
 * The neutral connector contract. Sync, binding, messaging and sign-in code talk to these types
 * only; each provider (WeCom today, DingTalk/Feishu later) implements them in its own folder and
 * knows nothing about HTTP routes, the database or tenants.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';

export type ProviderId = 'wecom';

export type Locale = 'zh-CN' | 'en';

export interface Explanation {
  title: string;
  cause: string;
  fix: string;
}

export type ConnectorErrorKind =
  'token' | 'rate' | 'permission' | 'network-policy' | 'input' | 'transient' | 'network';

/** A provider failure in neutral terms, with the provider's own code kept for people and logs. */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly info: {
      providerCode: number;
      providerMessage: string;
      api: string;
      retryable: boolean;
      /** True when the provider may have acted although the call failed (e.g. a send timed out). */
      uncertain?: boolean;
      /** The caller IP the provider saw, when it refused it (WeCom 60020). */
      fromIp?: string;
      explanation: Record<Locale, Explanation>;
      /** Extra payload the provider returned with the error (e.g. WeCom's `invaliduser`). */
      body?: Record<string, unknown>;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ExtDepartment {
  id: string;
  name: string;
  /** Null for a root of the visible tree. */
  parentId: string | null;
  order: number;
}

export type ExtMemberStatus = 'active' | 'disabled' | 'inactive' | 'left';

export interface ExtMember {
  userId: string;
  name: string;
  departmentIds: string[];
  mainDepartmentId: string | null;
  /** Departments where this member is a leader. */
  leaderOf: string[];
  position: string | null;
  /** Only when the provider discloses it (WeCom apps created after 2022-06-20 do not). */
  mobile: string | null;
  email: string | null;
  avatar: string | null;
  status: ExtMemberStatus;
}

/** One full read of the external directory. */
export interface DirectorySnapshot {
  departments: ExtDepartment[];
  members: ExtMember[];
  /** True when some part could not be read; a sync must not treat missing members as leavers. */
  partial: boolean;
  /**
   * Members the provider's whole-organisation listing has but the app cannot see (WeCom: the
   * contacts-sync secret's `user/list_id`, beside the app's visible range). They still exist, so
   * a sync must not mark them as left. Absent when no such listing is configured.
   */
  outsideRange?: string[];
  problems: ConnectorError[];
  /** Provider requests made, for progress and benchmarks. */
  requests: number;
}

export interface DirectoryReadOptions {
  onProgress?: (p: { phase: 'departments' | 'members'; done: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface DirectoryReader {
  read(opts?: DirectoryReadOptions): Promise<DirectorySnapshot>;
  /** Re-reads one member (callbacks); null when it no longer exists. */
  member(userId: string): Promise<ExtMember | null>;
  department(id: string): Promise<ExtDepartment | null>;
  /**
   * The department `id` and every department under it, ids, parents and order only (one request;
   * callbacks rank a department among its siblings with it). Null ids of roots as in `read`.
   */
  subtree?(id: string): Promise<Pick<ExtDepartment, 'id' | 'parentId' | 'order'>[]>;
  /**
   * Which member has this mobile / e-mail, for providers that hide both from the member list
   * (WeCom: user/getuserid, user/get_userid_by_email). Null = "no such member", an answer the
   * provider counts as an error against a daily budget; other failures throw ConnectorError.
   */
  lookup?: {
    byMobile(mobile: string): Promise<string | null>;
    byEmail(email: string): Promise<string | null>;
  };
}

export type OutboundContent =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | {
      msgtype: 'textcard';
      textcard: { title: string; description: string; url: string; btntxt?: string };
    }
  | {
      msgtype: 'news';
      news: {
        articles: { title: string; description?: string; url?: string; picurl?: string }[];
      };
    }
  | { msgtype: 'template_card'; template_card: Record<string, unknown> };

export interface OutboundMessage {
  /** External user ids (at most the provider's batch size; the caller batches). */
  toUsers?: string[];
  toDepartments?: string[];
  toAll?: boolean;
  content: OutboundContent;
  safe?: boolean;
  enableDuplicateCheck?: boolean;
  duplicateCheckInterval?: number;
}

export interface SendResult {
  /** Provider message id, used for recall. */
  msgId: string;
  /** External user ids the provider refused (lower-cased by WeCom). */
  invalidUsers: string[];
  invalidDepartments: string[];
}

export interface Messaging {
  /** Recipients per call the provider accepts (WeCom: 1000 users). */
  readonly maxUsersPerCall: number;
  readonly maxDepartmentsPerCall: number;
  send(msg: OutboundMessage): Promise<SendResult>;
  recall(msgId: string): Promise<void>;
  /**
   * Shows the outcome on an interactive card a member clicked: the clicked button becomes
   * `replaceName` for `toUsers` (the `responseCode` of the click works once).
   */
  updateCardButton?(update: {
    toUsers: string[];
    responseCode: string;
    replaceName: string;
  }): Promise<void>;
}

export interface ExtIdentity {
  /** A member of the corp, or somebody outside it (no userid). */
  kind: 'member' | 'outsider';
  userId?: string;
  /** WeCom `user_ticket`: only after an in-app sign-in with scope snsapi_privateinfo. */
  userTicket?: string;
}

/** Sensitive fields a member consented to share at sign-in (WeCom auth/getuserdetail). */
export interface ConsentedDetail {
  mobile?: string;
  email?: string;
}

export interface OAuth {
  /** In-app silent authorisation URL (inside the provider's client). */
  authorizeUrl(p: { redirectUri: string; state: string; scope?: 'base' | 'privateinfo' }): string;
  /** QR / web login URL for a normal browser. */
  qrLoginUrl(p: { redirectUri: string; state: string }): string;
  exchange(code: string): Promise<ExtIdentity>;
  /** The consented fields behind a `userTicket` (absent: the provider has none). */
  consentedDetail?(userTicket: string): Promise<ConsentedDetail>;
}

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skipped';

export interface DiagnosticCheck {
  /** Stable id: `token`, `departments`, `members`, `message`, `contact_secret`, `trusted_ip`… */
  id: string;
  status: CheckStatus;
  /** Counts or other facts the check found (e.g. `{ departments: 12 }`). */
  facts?: Record<string, number | string | boolean>;
  error?: { providerCode: number; providerMessage: string; fromIp?: string };
  explanation?: Record<Locale, Explanation>;
}

export interface Diagnostics {
  ok: boolean;
  checks: DiagnosticCheck[];
  /** The caller address the provider named (WeCom's `from ip:`), null when none was learnt. */
  egressIp?: string | null;
}

/** What a connector reports about its calls as they happen (PRODUCT.md §8). */
export interface ConnectorEvents {
  /** The provider refused the server's address (WeCom 60020); `ip` as the provider named it. */
  untrustedAddress(info: { ip: string | null; api: string }): void;
  /** A business call succeeded: the address it came from is trusted. */
  callSucceeded(api: string): void;
}

export interface ConnectorInstance {
  test(): Promise<Diagnostics>;
  directory: DirectoryReader;
  messaging: Messaging;
  oauth: OAuth;
}

export interface FormItem {
  key: string;
  label: Record<Locale, string>;
  type: 'text' | 'number' | 'secret';
  required: boolean;
  help?: Record<Locale, string>;
}

/** The plain (decrypted) settings a connector is created with. */
export interface ConnectorSettings {
  agentId: number;
  clientId: string;
  clientSecret: string;
  contactSecret: string | null;
}

/** What the server hands to a connector: provider endpoints, a shared token store, a logger. */
export interface ConnectorContext {
  settings: ConnectorSettings;
  endpoints: { apiBase: string; oauthBase: string; loginBase: string };
  tokens: ConnectorTokenStore;
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;
  /** Provider calls in flight per account and API (WECOM_MAX_IN_FLIGHT); default 5. */
  maxInFlight?: number;
  /**
   * The call slots of one provider account (`scope`, e.g. API base and CorpID), shared by every
   * process on the database (db/cluster-slots.ts). Absent on the embedded database: one process.
   */
  callSlots?: (scope: string) => ConnectorCallSlots;
  /** Egress proxy `http(s)://[user:pass@]host:port` every server-API call goes through. */
  egressProxy?: string;
  events?: ConnectorEvents;
  /** Every provider HTTP exchange as it ends (GET /metrics): errcode 0 = success, -1 = no answer. */
  observeCall?(call: { api: string; ms: number; errcode: number }): void;
}

/** Same shape as @orgbridge/wecom's Governor; declared here so the server does not import it. */
export interface ConnectorCallSlots {
  readonly concurrency: number;
  run<T>(api: string, fn: () => Promise<T>): Promise<T>;
  inFlight(api: string): number;
  peak(api: string): number;
}

/** Same shape as @orgbridge/wecom's TokenStore; declared here so the server does not import it. */
export interface ConnectorTokenStore {
  get(key: string): Promise<{ token: string; expiresAt: number } | null>;
  set(key: string, value: { token: string; expiresAt: number }): Promise<void>;
  invalidate(key: string, token: string): Promise<void>;
  withLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface ConnectorDefinition {
  id: ProviderId;
  /** Validates `ConnectorSettings` beyond the common shape (e.g. CorpID format). */
  settingsSchema: TSchema;
  formItems: FormItem[];
  create(ctx: ConnectorContext): ConnectorInstance;
}
