import { createHash, randomBytes } from 'node:crypto';

/**
 * An API key reads `obk_<8 lowercase letters or digits>_<43 base64url characters>`: the first
 * two parts are its public prefix (unique, shown in lists, logs and the audit trail), the rest
 * 32 random bytes. Session tokens are 43 base64url characters alone, so neither pattern accepts
 * the other, and a leaked key is recognisable by secret scanners.
 */
export const API_KEY_PATTERN = /^obk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export interface NewApiKey {
  key: string;
  prefix: string;
  hash: string;
}

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export const isApiKey = (token: string) => API_KEY_PATTERN.test(token);

/** A fresh key; only `hash` and `prefix` are stored. */
export function generateApiKey(): NewApiKey {
  // 252 = 7 × 36: bytes from 252 up are skipped, so every character is equally likely.
  const chars: string[] = [];
  while (chars.length < 8) {
    for (const b of randomBytes(16)) {
      if (b < 252 && chars.length < 8) chars.push(PREFIX_ALPHABET[b % 36]!);
    }
  }
  const prefix = `obk_${chars.join('')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** The prefix of a well-formed key. */
export const prefixOf = (key: string) => key.slice(0, 12);
