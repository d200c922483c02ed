/** Longest return path we keep; deep links from message cards fit easily. */
export const MAX_RETURN_PATH = 512;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- white space and control characters, refused in raw text
const RAW_REFUSED = /[\u0000-\u0020\u007f-\u009f\\]/;

/** A path that a browser, or a router that decodes it, can only read as this origin's. */
function isPlainPath(path: string): boolean {
  return (
    path.startsWith('/') && !path.includes('//') && !path.includes('\\') && !CONTROL.test(path)
  );
}

function decoded(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * The path to open after sign-in, or null when it is not a plain same-origin path. The anchor
 * system redirected to whatever `state` said and leaked the session token to any site, so only
 * `/x…` is accepted: never `//host`, `/\host`, a scheme (`https:`, `javascript:`), white space or
 * control characters (browsers drop tabs and newlines, turning `/\t/host` into `//host`).
 *
 * The raw text is normalised (dot segments resolved, as the browser will) and the RESULT is
 * checked, both as sent and percent-decoded: `/..//evil.example` passes every test on the raw text
 * and resolves to `//evil.example`; `/%2f%2fevil.example` decodes to `///evil.example` in a
 * router that decodes paths.
 */
export function safeReturnPath(raw: string | undefined, publicUrl: string): string | null {
  if (raw === undefined || raw === '') return '/';
  if (raw.length > MAX_RETURN_PATH) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || RAW_REFUSED.test(raw)) return null;
  const base = new URL(publicUrl);
  let resolved: URL;
  try {
    resolved = new URL(raw, base);
  } catch {
    return null;
  }
  if (resolved.origin !== base.origin) return null;
  const pathname = resolved.pathname;
  const plain = decoded(pathname);
  if (plain === null || !isPlainPath(pathname) || !isPlainPath(plain)) return null;
  return pathname + resolved.search + resolved.hash;
}
