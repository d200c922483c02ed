import { createRng } from './rng';

export type FaultKind = 'errcode' | 'timeout' | 'reset' | 'malformed';

export interface FaultSpec {
  /** API path (`topapi/v2/user/list`, `v1.0/oauth2/accessToken`); omitted = every API. */
  api?: string;
  kind?: FaultKind;
  /** For kind 'errcode' (default -1). On v1.0 paths it becomes an HTTP error. */
  errcode?: number;
  /** With errcode 88: the sub_code to report ("60011"). */
  subCode?: string;
  /** Probability per matching request (seeded RNG); omitted = every matching request. */
  rate?: number;
  /** Fire this many times, then the rule is removed; omitted = until cleared. */
  times?: number;
}

export interface Fault {
  kind: FaultKind;
  errcode: number;
  subCode?: string;
}

interface Rule extends Fault {
  api: string | undefined;
  rate: number | undefined;
  remaining: number | undefined;
}

export const normalizeApi = (api: string): string => api.replace(/^\/+/, '');

/** Scripted or random failures; random draws use a seeded RNG so runs repeat. */
export function createFaults(seed: number) {
  let rng = createRng(seed ^ 0x5eed);
  let rules: Rule[] = [];
  return {
    inject(spec: FaultSpec): void {
      rules.push({
        api: spec.api === undefined ? undefined : normalizeApi(spec.api),
        kind: spec.kind ?? 'errcode',
        errcode: spec.errcode ?? -1,
        ...(spec.subCode === undefined ? {} : { subCode: spec.subCode }),
        rate: spec.rate,
        remaining: spec.times,
      });
    },
    draw(api: string): Fault | undefined {
      for (const rule of rules) {
        if (rule.api !== undefined && rule.api !== api) continue;
        if (rule.rate !== undefined && rng.next() >= rule.rate) continue;
        if (rule.remaining !== undefined && --rule.remaining <= 0)
          rules = rules.filter((r) => r !== rule);
        return {
          kind: rule.kind,
          errcode: rule.errcode,
          ...(rule.subCode === undefined ? {} : { subCode: rule.subCode }),
        };
      }
      return undefined;
    },
    list: (): FaultSpec[] =>
      rules.map((r) => ({ ...r, api: r.api ?? '*', times: r.remaining, rate: r.rate })),
    clear(): void {
      rules = [];
      rng = createRng(seed ^ 0x5eed);
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
