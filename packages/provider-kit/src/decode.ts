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
