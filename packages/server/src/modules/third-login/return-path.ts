/** Longest return path we keep; deep links from message cards fit easily. */
export const MAX_RETURN_PATH = 512;

/**
 * The path to open after sign-in, or null when it is not a plain same-origin path. The anchor
 * system redirected to whatever `state` said and leaked the session token to any site, so only
 * `/x…` is accepted: never `//host`, `/\host`, a scheme (`https:`, `javascript:`), white space or
 * control characters (browsers drop tabs and newlines, turning `/\t/host` into `//host`).
 */
export function safeReturnPath(raw: string | undefined, publicUrl: string): string | null {
  if (raw === undefined || raw === '') return '/';
  if (raw.length > MAX_RETURN_PATH) return null;
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  if (raw.includes('\\')) return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  const base = new URL(publicUrl);
  const resolved = new URL(raw, base);
  if (resolved.origin !== base.origin) return null;
  return resolved.pathname + resolved.search + resolved.hash;
}
