/**
 * The neutral connector contract. Sync, binding, messaging and sign-in code talk to these types
 * only; each provider (WeCom, DingTalk; Feishu next) implements them in its own folder and
 * knows nothing about HTTP routes, the database or tenants.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyBaseLogger } from 'fastify';

export type ProviderId = 'wecom' | 'dingtalk' | 'feishu';

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

export interface SendResult {
  /** Provider message id (WeCom msgid; an asynchronous provider's task id), used for recall. */
  msgId: string;
  /** External user ids the provider refused (lower-cased by WeCom). */
  invalidUsers: string[];
  invalidDepartments: string[];
  /**
   * External user ids the provider refused because they reached its per-member limit
   * (`capabilities.messaging.perMemberLimit`); recorded as `throttled`, never lost.
   */
  throttledUsers?: string[];
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

/** What a connector's `create` returns (the modules' name for `ProviderInstance`). */
export type ConnectorInstance = ProviderInstance;

/** What the server hands to a connector: provider endpoints, a shared token store, a logger. */
export interface ConnectorContext {
  /** The connection's settings, validated by the connector's `settingsSchema`. */
  settings: ProviderSettings;
  /** The provider's base URLs from configuration (WeCom apiBase/oauthBase/loginBase, …). */
  endpoints: Readonly<Record<string, string>>;
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

/** A registered connector (the modules' name for `ProviderConnector`). */
export type ConnectorDefinition = ProviderConnector;

/* ───────────────────────── The whole contract (issue 19, decision 0008) ─────────────────────────
 * Settings, form, messages, callbacks and the connector itself. `ConnectorDefinition`,
 * `ConnectorInstance` and `ConnectorContext` above are the modules' names for the same types.
 */

/** A connector's settings as stored in `third_app_configs.settings_enc` (validated by its schema). */
export type ProviderSettings = Readonly<Record<string, string | number | boolean | null>>;

/** One field of a connector's config form; the console renders the form from these. */
export interface ProviderFormItem {
  /** The settings key, also the API body field (`clientId`, `agentId`, `corpId`, `encryptKey`…). */
  key: string;
  label: Record<Locale, string>;
  /**
   * `secret`: never returned in clear (masked; an unchanged mask keeps the stored value);
   * `generated`: made by the server on first save (`generateSettings`) and shown for copying into
   * the provider's console, never typed by the admin.
   */
  type: 'text' | 'number' | 'secret' | 'generated';
  required: boolean;
  help?: Record<Locale, string>;
  placeholder?: string;
  /** A JavaScript regular expression the value must match (the schema enforces it too). */
  pattern?: string;
}

/** Neutral outgoing message; each connector maps it to its wire format. */
export type Message =
  | { type: 'text'; text: string }
  | { type: 'markdown'; title: string; text: string }
  | { type: 'card'; title: string; description: string; url: string; buttonText?: string }
  | {
      type: 'news';
      articles: { title: string; description?: string; url?: string; imageUrl?: string }[];
    }
  /** A provider-specific interactive card (WeCom template_card), passed through as given. */
  | { type: 'interactive'; card: Record<string, unknown> };

export type MessageType = Message['type'];

/** What a connector's messaging can do; the messages module checks input against it (400s). */
export interface MessagingCapabilities {
  types: readonly MessageType[];
  /** UTF-8 byte limits per field the provider states (`text`, `title`, `description`, `url`). */
  maxBytes: Readonly<
    Partial<Record<'text' | 'markdown' | 'title' | 'description' | 'url', number>>
  >;
  /** Characters (not bytes) of a card's button text, where the provider limits it. */
  maxButtonTextChars?: number;
  maxArticles: number;
  maxUsersPerCall: number;
  maxDepartmentsPerCall: number;
  /** Whether "everyone in the app's range" (`@all` / `to_all_user`) can be addressed. */
  toAll: boolean;
  /**
   * Per-member limits the provider enforces (Feishu 5 a second per user; DingTalk the same
   * content once a day and 500 a day per member); null = none stated.
   */
  perMemberLimit: {
    perSecond?: number;
    /** WeCom: 30 a minute and 1000 an hour per member and app. */
    perMinute?: number;
    perHour?: number;
    perDay?: number;
    sameContentPerDay?: number;
  } | null;
  recall: boolean;
  /** `async`: the send returns a task id and per-member outcomes arrive later (`outcome`). */
  outcome: 'sync' | 'async';
}

export interface NeutralOutboundMessage {
  toUsers?: string[];
  toDepartments?: string[];
  toAll?: boolean;
  content: Message;
  /** WeCom `safe`: providers without it ignore it. */
  safe?: boolean;
  /** Suppress an identical message sent within `duplicateCheckInterval` seconds, where supported. */
  enableDuplicateCheck?: boolean;
  duplicateCheckInterval?: number;
}

/** Per-member outcome of an asynchronous send (DingTalk getsendresult). */
export interface SendOutcome {
  /** False while the provider is still delivering. */
  done: boolean;
  delivered: string[];
  read: string[];
  /** Members the provider refused or could not reach, with its reason when it gave one. */
  failed: { userId: string; reason: string }[];
  /** Members the provider refused for its per-member limit (DingTalk `forbidden_list`). */
  throttled?: string[];
}

/** A change the provider pushed, in neutral terms; the applier re-reads its target. */
export type NeutralContactChange = (
  | {
      kind: 'member.upsert';
      userId: string;
      /** the member's new id when it was renamed */ newUserId?: string;
    }
  | { kind: 'member.left'; userId: string }
  | { kind: 'department.upsert'; departmentId: string }
  | { kind: 'department.removed'; departmentId: string }
  /** The app's visible range changed: only a full sync can tell what moved. */
  | { kind: 'scope.changed' }
) & {
  /**
   * Ids and times the provider sent with the change (department ids, its event time…), kept with
   * the stored event for people reading it; never names, mobiles or e-mails. Not applied.
   */
  detail?: Readonly<Record<string, unknown>>;
};

export type NeutralChangeKind = NeutralContactChange['kind'];

/** A member clicked a button of an interactive card (WeCom template_card_event). */
export interface NeutralCardClick {
  userId: string;
  eventKey: string;
  taskId: string;
  responseCode: string;
}

/** An HTTP request to the callback route, as the connector needs it (raw body for signatures). */
export interface CallbackRequest {
  method: 'GET' | 'POST';
  query: Readonly<Record<string, string | undefined>>;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: string;
}

/** What the route answers the provider. */
export interface CallbackReply {
  status: number;
  contentType: string;
  body: string;
}

export interface OpenedCallback {
  changes: NeutralContactChange[];
  clicks: NeutralCardClick[];
  /** Stable per delivery (retries of one delivery give the same key): sha-256 of the plaintext. */
  dedupeKey: string;
  /** What to answer once the changes are stored. */
  reply: CallbackReply;
  /** A message that is neither a change nor a click (members' chat, tag changes…), for the log. */
  ignored?: string;
}

/**
 * Why a callback was refused, in neutral terms; the callbacks module maps it to a 4xx with a
 * message that says what to fix (`signature` 403, `account` 403, `malformed` 400, `decrypt` 400).
 */
export class CallbackRefusal extends Error {
  override readonly name = 'CallbackRefusal';
  constructor(
    readonly reason: 'signature' | 'account' | 'malformed' | 'decrypt',
    message: string,
  ) {
    super(message);
  }
}

export interface Callbacks {
  /** URL verification (WeCom `echostr`, DingTalk `check_url`, Feishu `challenge`); null = not one. */
  verify(req: CallbackRequest): CallbackReply | null;
  /** Checks the signature, decrypts and parses; throws CallbackRefusal. */
  open(req: CallbackRequest): OpenedCallback;
}

export interface ConnectorCapabilities {
  messaging: MessagingCapabilities;
  /** In-app sign-in can ask for consented mobile/e-mail (WeCom snsapi_privateinfo). */
  consentedDetail: boolean;
  /** A whole-organisation listing beside the app's range (WeCom contacts-sync secret). */
  outsideRange: boolean;
}

export interface NeutralMessaging {
  send(msg: NeutralOutboundMessage): Promise<SendResult>;
  recall(msgId: string): Promise<void>;
  /** Per-member outcome of an asynchronous send (capabilities.messaging.outcome = 'async'). */
  outcome?(msgId: string): Promise<SendOutcome>;
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

export interface NeutralOAuth extends Omit<OAuth, 'exchange'> {
  /**
   * The member behind a code. `via` says where the code came from: `in-app` (WeCom snsapi
   * redirect, DingTalk 免登 requestAuthCode) or `web` (QR / browser login); providers whose codes
   * are the same either way ignore it.
   */
  exchange(code: string, via?: 'in-app' | 'web'): Promise<ExtIdentity>;
}

export interface ProviderInstance {
  test(): Promise<Diagnostics>;
  directory: DirectoryReader;
  messaging: NeutralMessaging;
  oauth: NeutralOAuth;
  /** Absent when the provider pushes no events the server can receive. */
  callbacks?: Callbacks;
}

/** What the server hands to a connector (the contract's name for `ConnectorContext`). */
export type ProviderContext = ConnectorContext;

/**
 * One provider, whole (decision 0008). The modules know only `thirdType` and these types;
 * `connectors/registry.ts` maps thirdType → definition.
 */
export interface ProviderConnector {
  id: ProviderId;
  /** The API's spelling (`wechat_enterprise`, `dingtalk`, `feishu`). */
  thirdType: string;
  /** `app` of sendMessageTest (`WECHAT_ENTERPRISE`, `DINGTALK`, `FEISHU`). */
  appName: string;
  names: Record<Locale, string>;
  /** TypeBox schema of the settings object; secrets and generated values included. */
  settingsSchema: TSchema;
  formItems: ProviderFormItem[];
  /** The provider account the settings name (WeCom CorpID, DingTalk corpId, Feishu App ID): one tenant each (409). */
  accountKey(settings: ProviderSettings): string;
  /** Values the server makes on first save (WeCom callback Token and EncodingAESKey). */
  generateSettings?(): Record<string, string>;
  capabilities: ConnectorCapabilities;
  /**
   * Set when in-app sign-in works only inside the provider's own app (DingTalk 免登): a sign-in
   * started by a browser whose user agent does not match goes to the QR/web login.
   */
  inAppUserAgent?: RegExp;
  create(ctx: ProviderContext): ProviderInstance;
}
