import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 32 random bytes as 64 hex characters: 256 bits, and inside WeCom's rule for `state`
 * (a-zA-Z0-9 only, at most 128 bytes — no base64 padding, `-`, `_` or `.`).
 */
export const randomSecret = () => randomBytes(32).toString('hex');

export const SECRET_PATTERN = /^[0-9a-f]{64}$/;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
