import { createRng } from './rng';

export type FaultKind = 'errcode' | 'timeout' | 'reset' | 'malformed';

export interface FaultSpec {
  /** API path (`user/list` or `/cgi-bin/user/list`); omitted = every /cgi-bin API including gettoken. */
  api?: string;
  /** For kind 'errcode' (default -1): -1, 45009, 45033, 42001, 40014, 60020, … */
  errcode?: number;
  kind?: FaultKind;
  /** Probability per matching request (seeded RNG); omitted = every matching request. */
  rate?: number;
  /** Fire this many times, then the rule is removed; omitted = until clearFaults(). */
  times?: number;
}

export interface Fault {
  kind: FaultKind;
  errcode: number;
}

interface Rule {
  api: string | undefined;
  kind: FaultKind;
  errcode: number;
  rate: number | undefined;
  remaining: number | undefined;
}

/** `/cgi-bin/user/list` and `user/list` name the same API. */
export function normalizeApi(api: string): string {
  return api.replace(/^\/?(cgi-bin\/)?/, '');
}

/**
 * Scripted or random failures. Random decisions use a seeded RNG, so a run with the same seed and
 * request order fails the same requests.
 */
export function createFaults(seed: number) {
  let rng = createRng(seed ^ 0x5eed);
  let rules: Rule[] = [];

  function inject(spec: FaultSpec): void {
    const kind = spec.kind ?? 'errcode';
    rules.push({
      api: spec.api === undefined ? undefined : normalizeApi(spec.api),
      kind,
      errcode: spec.errcode ?? -1,
      rate: spec.rate,
      remaining: spec.times,
    });
  }

  /** The fault to apply to this request, if any (first matching rule that fires). */
  function draw(api: string): Fault | undefined {
    for (const rule of rules) {
      if (rule.api !== undefined && rule.api !== api) continue;
      if (rule.rate !== undefined && rng.next() >= rule.rate) continue;
      if (rule.remaining !== undefined) {
        rule.remaining--;
        if (rule.remaining <= 0) rules = rules.filter((r) => r !== rule);
      }
      return { kind: rule.kind, errcode: rule.errcode };
    }
    return undefined;
  }

  return {
    inject,
    draw,
    list: (): FaultSpec[] =>
      rules.map((r) => ({
        api: r.api,
        kind: r.kind,
        errcode: r.errcode,
        rate: r.rate,
        times: r.remaining,
      })),
    clear(): void {
      rules = [];
      rng = createRng(seed ^ 0x5eed);
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
