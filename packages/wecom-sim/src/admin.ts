import type { CallbackConfig, CallbackDelivery } from './callbacks';
import type { SimCore } from './core';
import type { FaultSpec } from './faults';
import type { InboxEntry, SentMessage } from './messages';
import type { DepartmentPatch, NewDepartment, NewUser, UserPatch } from './org-store';
import type { SimApp, SimDepartment, SimUser, VisibleRange } from './types';

export interface NewApp {
  agentId: number;
  secret?: string;
  name?: string;
  trustedDomain?: string;
  trustedIps?: string[] | null;
  createdAfter20220620?: boolean;
  visibleRange?: VisibleRange;
}

/**
 * Programmatic control of the simulator (mirrored over HTTP under /sim/admin/). Org mutations made
 * here are what the corp's admin would do in the WeCom console, so they fire change_contact callbacks.
 */
export function createSimAdmin(core: SimCore) {
  const org = () => core.state.org;
  const mainApp = (): SimApp => core.state.apps.get(core.mainAgentId) as SimApp;
  return {
    // --- contacts ---
    getUser: (userid: string): SimUser | undefined => org().getUser(userid),
    listUsers: (): SimUser[] => [...org().allUsers()],
    getDepartment: (id: number): SimDepartment | undefined => org().getDepartment(id),
    listDepartments: (): SimDepartment[] => [...org().allDepartments()],
    membersOf: (departmentId: number): SimUser[] => org().membersOf(departmentId),
    addUser: (user: NewUser): SimUser => org().addUser(user),
    updateUser: (userid: string, patch: UserPatch): SimUser => org().updateUser(userid, patch),
    renameUser: (userid: string, name: string): SimUser => org().updateUser(userid, { name }),
    moveUser: (userid: string, department: number[], mainDepartment?: number): SimUser =>
      org().updateUser(userid, { department, ...(mainDepartment ? { mainDepartment } : {}) }),
    deleteUser: (userid: string): void => org().deleteUser(userid),
    addDepartment: (dept: NewDepartment): SimDepartment => org().addDepartment(dept),
    updateDepartment: (id: number, patch: DepartmentPatch): SimDepartment =>
      org().updateDepartment(id, patch),
    renameDepartment: (id: number, name: string): SimDepartment =>
      org().updateDepartment(id, { name }),
    moveDepartment: (id: number, parentid: number): SimDepartment =>
      org().updateDepartment(id, { parentid }),
    deleteDepartment: (id: number): void => org().deleteDepartment(id),

    // --- messages and metrics ---
    messagesFor: (userid: string): InboxEntry[] => core.messaging.messagesFor(userid),
    /** A member clicks a button of an interactive card: template_card_event to the app. */
    clickCard: (userid: string, taskId: string, key: string, agentId = core.mainAgentId) =>
      core.cards.click(agentId, userid, taskId, key),
    cardTask: (taskId: string, agentId = core.mainAgentId) => core.cards.task(taskId, agentId),
    allMessages: (): SentMessage[] => core.messaging.allMessages(),
    /** Requests per API path (`/cgi-bin/gettoken` …), faulted and refused ones included. */
    counts: (): Record<string, number> => Object.fromEntries(core.counts),
    resetCounts: (): void => core.counts.clear(),
    /**
     * Highest number of requests to one API (`message/send` …) the simulator handled at once since
     * the last reset, those it refused with 45033 included: what the clients sent concurrently.
     */
    peakInFlight: (api: string): number => core.limits.peakInFlight(api),
    resetPeakInFlight: (): void => core.limits.resetPeaks(),

    // --- behaviour knobs ---
    setLatency(ms: number): void {
      core.settings.latencyMs = Math.max(0, ms);
    },
    setConcurrencyLimit(limit: number): void {
      core.limits.settings.concurrency = limit;
    },
    setFreqLimit(perMinute: number, perHour?: number): void {
      core.limits.settings.perMinute = perMinute;
      if (perHour !== undefined) core.limits.settings.perHour = perHour;
      core.limits.resetWindows();
    },
    /** Invalidates every live token now; their later use answers `code` (default: the expired errcode). */
    expireTokens: (code?: 42001 | 40014): number => core.tokens.expireAll(code),
    /** Errcode for tokens that expire from now on (naturally or via expireTokens without a code). */
    setExpiredTokenErrcode: (code: 42001 | 40014): void => core.tokens.setExpiredErrcode(code),
    injectFaults: (spec: FaultSpec | FaultSpec[]): void => {
      for (const s of Array.isArray(spec) ? spec : [spec]) core.faults.inject(s);
    },
    listFaults: (): FaultSpec[] => core.faults.list(),
    clearFaults: (): void => core.faults.clear(),
    /** How long a `timeout` fault holds the request before dropping it. */
    setFaultHoldMs(ms: number): void {
      core.settings.faultHoldMs = ms;
    },
    advanceClock: (ms: number): void => core.clock.advance(ms),
    now: (): number => core.clock.now(),

    // --- apps, permissions, network policy ---
    setTrustedIps(ips: string[] | null, agentId = core.mainAgentId): void {
      requireApp(core, agentId).trustedIps = ips;
    },
    /** 企业可信IP for the contacts-sync secret (null = not enforced). */
    setContactTrustedIps(ips: string[] | null): void {
      core.settings.contactTrustedIps = ips;
    },
    setContactSyncNewIp(on: boolean): void {
      core.settings.contactSyncNewIp = on;
    },
    setVisibleRange(range: Partial<VisibleRange>, agentId = core.mainAgentId): void {
      const app = requireApp(core, agentId);
      app.visibleRange = { departments: range.departments ?? [], users: range.users ?? [] };
    },
    setTrustedDomain(domain: string, agentId = core.mainAgentId): void {
      requireApp(core, agentId).trustedDomain = domain;
    },
    /**
     * Errors user/getuserid and user/get_userid_by_email may make per day before WeCom blocks the
     * API (45009) until the day ends; null = 20 % of the seat limit (default: the member count).
     */
    setLookupErrorBudget(budget: number | null, seatLimit?: number | null): void {
      core.lookup.settings.budget = budget;
      if (seatLimit !== undefined) core.lookup.settings.seatLimit = seatLimit;
    },
    lookupErrorBudget: (): number => core.lookup.budget(),
    /** Lookup errors counted today (both APIs). */
    lookupErrors: (): number => core.lookup.errorsToday(),
    setCreatedAfter20220620(on: boolean, agentId = core.mainAgentId): void {
      requireApp(core, agentId).createdAfter20220620 = on;
    },
    addApp(input: NewApp): SimApp {
      if (core.state.apps.has(input.agentId)) throw new Error(`agent ${input.agentId} exists`);
      const base = mainApp();
      const app: SimApp = {
        ...structuredClone(base),
        name: `App ${input.agentId}`,
        secret: input.secret ?? `${base.secret.slice(0, 20)}${input.agentId}`,
        ...input,
      };
      core.state.apps.set(app.agentId, app);
      return app;
    },
    getApp: (agentId = core.mainAgentId): SimApp => structuredClone(requireApp(core, agentId)),
    setHomeUrl(url: string | null): void {
      core.settings.homeUrl = url;
    },

    // --- callbacks ---
    /** Verifies the URL (GET echostr) first; rejects and keeps the old config if that fails. */
    configureCallback: (config: CallbackConfig): Promise<void> => core.callbacks.configure(config),
    callbackDeliveries: (): CallbackDelivery[] => core.callbacks.deliveries(),
    flushCallbacks: (): Promise<void> => core.callbacks.flush(),
    setCallbackTiming: (timing: { timeoutMs?: number; retryDelayMs?: number }): void =>
      core.callbacks.setTiming(timing),

    /** Back to the generated org and start configuration (same credentials). */
    reset: (): void => core.reset(),
  };
}

function requireApp(core: SimCore, agentId: number): SimApp {
  const app = core.state.apps.get(agentId);
  if (!app) throw new Error(`unknown agent ${agentId}`);
  return app;
}

export type SimAdmin = ReturnType<typeof createSimAdmin>;
