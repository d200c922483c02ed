/**
 * Name key used for matching: Unicode NFKC (full-width → half-width), case-folded, every kind of
 * white space removed, so " 李\u3000娜 " (with an ideographic space) and "李娜" meet. Empty names never match anything.
 */
export function nameKey(name: string | null | undefined): string {
  return (name ?? '').normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** WeCom userids are case-insensitive. */
export const idKey = (id: string) => id.toLowerCase();

export function mobileKey(mobile: string | null | undefined): string {
  const digits = (mobile ?? '').replace(/[^\d+]/g, '').replace(/^\+?86/, '');
  return digits.length >= 6 ? digits : '';
}

export const emailKey = (email: string | null | undefined) => (email ?? '').trim().toLowerCase();

/** Masks a name for stored run items (PII): first character, then one star per remaining one. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}
