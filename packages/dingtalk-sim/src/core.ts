import { randomBytes } from 'node:crypto';
import { createCallbacks } from './callbacks';
import { createClock } from './clock';
import { createCodes } from './codes';
import { createFaults } from './faults';
import { createRng } from './rng';
import { generateOrg } from './generator';
import { createLimits } from './limits';
import { createMessaging } from './messages';
import { createOrgStore, type OrgChange, type OrgStore } from './org-store';
import { createTokens } from './tokens';
import type { ContactScope, SimOptions } from './types';

export interface Credentials {
  corpId: string;
  /** AppKey = Client ID. */
  appKey: string;
  /** AppSecret = Client Secret. */
  appSecret: string;
  agentId: number;
}

function resolveCredentials(opts: SimOptions): Credentials {
  return {
    corpId: opts.corpId ?? `ding${randomBytes(8).toString('hex')}`,
    appKey:
      opts.appKey ??
      `ding${randomBytes(9)
        .toString('base64url')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')}`,
    appSecret: opts.appSecret ?? randomBytes(48).toString('base64url').slice(0, 64),
    agentId: opts.agentId ?? 3_000_000_001,
  };
}

const initialSettings = (opts: SimOptions) => ({
  latencyMs: opts.latencyMs ?? 0,
  jitterMs: opts.jitterMs ?? 0,
  faultHoldMs: opts.faultHoldMs ?? 60_000,
  homeUrl: opts.homeUrl ?? null,
  mobilePermission: opts.mobilePermission ?? true,
  contactScope: (opts.contactScope ?? null) as ContactScope | null,
  sendProcessingMs: opts.sendProcessingMs ?? 0,
});

const initialLimits = (opts: SimOptions) => ({
  qps: opts.qps ?? 20,
  perMinute: opts.perMinute ?? 1_500,
});

/** Everything the routes, pages and the admin API share. */
export function createCore(opts: SimOptions = {}) {
  const seed = opts.seed ?? 1;
  const credentials = resolveCredentials(opts);
  const initialOrg = generateOrg({
    seed,
    users: opts.users ?? 300,
    departments: opts.departments ?? 30,
    ...(opts.largeDepartment === undefined ? {} : { largeDepartment: opts.largeDepartment }),
    ...(opts.leavers === undefined ? {} : { leavers: opts.leavers }),
  });
  const clock = createClock(opts.now);
  const callbacks = createCallbacks(credentials.appKey, credentials.corpId, clock, {
    timeoutMs: opts.callbackTimeoutMs ?? 5_000,
    retryDelayMs: opts.callbackRetryDelayMs ?? 1_000,
  });
  const onChange = (c: OrgChange) => callbacks.onChange(c);
  const state = { org: createOrgStore(initialOrg, onChange) as OrgStore };
  const settings = initialSettings(opts);
  const core = {
    credentials,
    clock,
    state,
    callbacks,
    tokens: createTokens(clock),
    codes: createCodes(clock),
    limits: createLimits(clock, initialLimits(opts)),
    faults: createFaults(seed),
    /** Network jitter draws (seeded, so runs repeat). */
    jitter: createRng(seed ^ 0x7177),
    messaging: createMessaging(() => state.org, clock, credentials.agentId, {
      get ms() {
        return settings.sendProcessingMs;
      },
    }),
    settings,
    /** DingTalk users outside the corp (unionid → nick) who can scan a QR login. */
    outsiders: new Map<string, string>(),
    counts: new Map<string, number>(),
    /** Restores the generated org and the start configuration; credentials stay the same. */
    reset(): void {
      state.org = createOrgStore(initialOrg, onChange);
      core.tokens.reset();
      core.codes.reset();
      core.limits.reset();
      core.faults.clear();
      core.messaging.reset();
      core.callbacks.reset();
      core.counts.clear();
      core.outsiders.clear();
      clock.reset();
      Object.assign(core.settings, initialSettings(opts));
      Object.assign(core.limits.settings, initialLimits(opts));
    },
  };
  return core;
}

export type SimCore = ReturnType<typeof createCore>;
