/** The simulator's control surface for tests, benches and the admin HTTP API. */
import type { CallbackConfig, CallbackDelivery } from './callbacks';
import type { SimCore } from './core';
import type { FaultSpec } from './faults';
import type { InboxEntry } from './messages';
import { OUTSIDER } from './routes/v1';
import { SimAdminError, type NewDepartment, type NewUser, type UserPatch } from './org-store';
import type { ContactScope, SimDepartment, SimUser } from './types';

export function createSimAdmin(core: SimCore) {
  const org = () => core.state.org;
  return {
    listUsers: (): SimUser[] => org().users(),
    listLeft: (): SimUser[] => org().leftUsers(),
    listDepartments: (): SimDepartment[] => org().departments(),
    membersOf: (deptId: number): SimUser[] => org().membersOf(deptId),
    getUser: (userid: string): SimUser | undefined => org().getUser(userid),
    addUser: (u: NewUser): SimUser => org().addUser(u),
    updateUser: (userid: string, patch: UserPatch): SimUser => org().updateUser(userid, patch),
    removeUser: (userid: string): void => org().removeUser(userid),
    addDepartment: (d: NewDepartment): SimDepartment => org().addDepartment(d),
    updateDepartment: (
      id: number,
      patch: Partial<Pick<SimDepartment, 'name' | 'parentId' | 'order'>>,
    ) => org().updateDepartment(id, patch),
    removeDepartment: (id: number): void => org().removeDepartment(id),
    injectFault: (f: FaultSpec): void => core.faults.inject(f),
    clearFaults: (): void => core.faults.clear(),
    faults: () => core.faults.list(),
    setLimits(l: { qps?: number; perMinute?: number }): void {
      if (l.qps !== undefined) core.limits.settings.qps = l.qps;
      if (l.perMinute !== undefined) core.limits.settings.perMinute = l.perMinute;
    },
    limits: () => ({ ...core.limits.settings }),
    /** Most calls of `api` that arrived within any 1,000 ms (refused ones included). */
    peakQps: (api: string): number => core.limits.peak(api),
    resetPeaks: (): void => core.limits.reset(),
    counts: (): Record<string, number> => Object.fromEntries(core.counts),
    /** Distinct app tokens issued so far. */
    tokensIssued: (): number => core.tokens.issued(),
    revokeToken: (): void => core.tokens.revokeApp(),
    /** A 免登 code for `userid`, as dd.requestAuthCode would give inside DingTalk. */
    issueAuthCode(userid: string): string {
      if (!org().getUser(userid)) throw new SimAdminError(`no member ${userid}`, 404);
      return core.codes.issue(userid, 'inapp');
    },
    /** A QR-login authCode for `userid`, as the approval page would redirect with. */
    issueQrCode(userid: string): string {
      if (!org().getUser(userid)) throw new SimAdminError(`no member ${userid}`, 404);
      return core.codes.issue(userid, 'qr');
    },
    /**
     * A QR-login authCode for somebody outside the corp (a DingTalk account that is no member):
     * the user token and users/me work, `getbyunionid` answers 60121.
     */
    issueOutsiderQrCode(p: { unionid?: string; name?: string } = {}): string {
      const unionid = p.unionid ?? `outsider${core.outsiders.size + 1}x${Date.now().toString(36)}`;
      if (org().findByUnionId(unionid)) throw new SimAdminError(`${unionid} is a member`, 409);
      core.outsiders.set(unionid, p.name ?? '外部用户');
      return core.codes.issue(`${OUTSIDER}${unionid}`, 'qr');
    },
    /** How long work-notice tasks stay processing (simulated ms; `advanceClock` finishes them). */
    setSendProcessing(ms: number): void {
      core.settings.sendProcessingMs = ms;
    },
    inbox: (userid: string): InboxEntry[] => core.messaging.inboxOf(userid),
    markRead: (userid: string): void => core.messaging.markRead(userid),
    configureCallback: (c: CallbackConfig): Promise<CallbackDelivery> =>
      core.callbacks.configure(c),
    deliveries: (): CallbackDelivery[] => core.callbacks.deliveries(),
    callbacksIdle: (): Promise<void> => core.callbacks.idle(),
    setHomeUrl(url: string | null): void {
      core.settings.homeUrl = url;
    },
    setMobilePermission(on: boolean): void {
      core.settings.mobilePermission = on;
    },
    /** The app's contact scope (通讯录权限范围); null = all employees. */
    setContactScope(scope: ContactScope | null): void {
      core.settings.contactScope = scope ? structuredClone(scope) : null;
    },
    setLatency(ms: number, jitterMs = 0): void {
      core.settings.latencyMs = ms;
      core.settings.jitterMs = jitterMs;
    },
    advanceClock: (ms: number): void => core.clock.advance(ms),
    reset: (): void => core.reset(),
  };
}

export type SimAdmin = ReturnType<typeof createSimAdmin>;
