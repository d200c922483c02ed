/**
 * Lenient field readers that read the same for every provider: they accept what is there and
 * return strict JS types. Readers whose rules differ (integers, lists) and the ones that raise the
 * provider's error stay in the provider's `decode.ts`.
 */
export type Raw = Record<string, unknown>;

export function asObject(v: unknown): Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {};
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function optString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Copies defined values only, so optional properties are absent rather than `undefined`. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * `reqString` / `reqInt` over the provider's own `optInt` and `missing` error: a missing required
 * identifier is an error rather than a silently dropped record.
 */
export function requiredReaders(
  missing: (api: string, what: string) => Error,
  optInt: (v: unknown) => number | undefined,
) {
  return {
    reqString(api: string, raw: Raw, key: string): string {
      const s = optString(raw[key]);
      if (s === undefined || s === '') throw missing(api, key);
      return s;
    },
    reqInt(api: string, raw: Raw, key: string): number {
      const n = optInt(raw[key]);
      if (n === undefined) throw missing(api, key);
      return n;
    },
  };
}
