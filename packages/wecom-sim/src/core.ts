import { randomBytes } from 'node:crypto';
import { createAccess, type Access } from './access';
import { createCallbacks } from './callbacks';
import { createCards } from './cards';
import { createClock } from './clock';
import { createFaults } from './faults';
import { generateOrg } from './generator';
import { createLimits } from './limits';
import { createLookup } from './lookup';
import { createMessaging } from './messages';
import { createOAuth } from './oauth';
import { createOrgStore, type OrgChange, type OrgStore } from './org-store';
import { createTokenService } from './tokens';
import type { SimApp, SimOptions, SimOrg } from './types';

const secret = (): string => randomBytes(32).toString('base64url').slice(0, 43);

export interface Credentials {
  corpId: string;
  agentId: number;
  secret: string;
  contactSecret: string;
}

/** Resolves defaults once: generated credentials, the generated org, the main app. */
function resolve(opts: SimOptions) {
  const seed = opts.seed ?? 1;
  const credentials: Credentials = {
    corpId: opts.corpId ?? `ww${randomBytes(8).toString('hex')}`,
    agentId: opts.agentId ?? 1000002,
    secret: opts.secret ?? secret(),
    contactSecret: opts.contactSecret ?? secret(),
  };
  const mainApp: SimApp = {
    agentId: credentials.agentId,
    secret: credentials.secret,
    name: 'OrgBridge',
    trustedDomain: opts.trustedDomain ?? 'localhost',
    trustedIps: opts.trustedIps ?? null,
    createdAfter20220620: opts.createdAfter20220620 ?? true,
    visibleRange: { departments: [1], users: [] },
  };
  const org: SimOrg = generateOrg({
    seed,
    users: opts.users ?? 200,
    departments: opts.departments ?? 20,
    ...(opts.leavers !== undefined ? { leavers: opts.leavers } : {}),
    ...(opts.disabled !== undefined ? { disabled: opts.disabled } : {}),
  });
  return { seed, credentials, mainApp, org };
}

function initialSettings(opts: SimOptions) {
  return {
    latencyMs: opts.latencyMs ?? 0,
    faultHoldMs: opts.faultHoldMs ?? 60_000,
    homeUrl: opts.homeUrl ?? null,
    contactSyncNewIp: opts.contactSyncNewIp ?? true,
    contactTrustedIps: null as string[] | null,
  };
}

const initialLimits = (opts: SimOptions) => ({
  concurrency: opts.concurrencyLimit ?? 5,
  perMinute: opts.freqLimitPerMinute ?? 10_000,
  perHour: 150_000,
});

/** Everything the routes and the admin API share; rebuilt pieces on reset keep their identity. */
export function createCore(opts: SimOptions = {}) {
  const { seed, credentials, mainApp, org: initialOrg } = resolve(opts);
  const clock = createClock(opts.now);
  const callbacks = createCallbacks(credentials.corpId, clock, {
    timeoutMs: opts.callbackTimeoutMs ?? 5000,
    retryDelayMs: opts.callbackRetryDelayMs ?? 1000,
  });
  const onChange = (change: OrgChange): void => callbacks.onChange(change);
  const state = {
    org: createOrgStore(initialOrg, onChange) as OrgStore,
    apps: new Map<number, SimApp>([[mainApp.agentId, structuredClone(mainApp)]]),
  };
  // Rebuilt on reset, because they index the org store.
  const services = () => {
    const access = createAccess(state.org);
    return {
      access,
      messaging: createMessaging(state.org, access, clock),
      oauth: createOAuth(state.org, access, clock),
    };
  };
  const core = {
    credentials,
    corpName: initialOrg.corpName,
    clock,
    callbacks,
    cards: createCards(credentials.corpId, clock, callbacks),
    state,
    ...services(),
    tokens: createTokenService(clock, opts.expiredTokenErrcode ?? 42001),
    limits: createLimits(clock, initialLimits(opts)),
    /** user/getuserid, user/get_userid_by_email and their daily error budget. */
    lookup: createLookup(
      (): OrgStore => state.org,
      (): Access => core.access,
      clock,
    ),
    faults: createFaults(seed),
    settings: initialSettings(opts),
    counts: new Map<string, number>(),
    mainAgentId: mainApp.agentId,
    /** Restores the generated org and the start configuration; credentials stay the same. */
    reset(): void {
      state.org = createOrgStore(initialOrg, onChange);
      state.apps = new Map([[mainApp.agentId, structuredClone(mainApp)]]);
      Object.assign(core, services());
      core.tokens.reset();
      core.faults.clear();
      core.limits.resetWindows();
      core.limits.resetPeaks();
      core.lookup.reset();
      core.counts.clear();
      core.callbacks.reset();
      core.cards.reset();
      clock.reset();
      Object.assign(core.settings, initialSettings(opts));
      Object.assign(core.limits.settings, initialLimits(opts));
    },
  };
  return core;
}

export type SimCore = ReturnType<typeof createCore>;
