import { randomBytes, scryptSync } from 'node:crypto';
import type { SyncPolicy } from '../../db/schema';
import { generatePassword } from '../../lib/password';

/**
 * Work factor for *initial* passwords of synced accounts. A slow hash protects low-entropy,
 * human-chosen passwords; these are either public (`same-as-username`: the username is the
 * password, so no work factor can hide it — the protection is the forced change at first login)
 * or ~90 bits of randomness (`random`), which no work factor makes guessable. The full-cost hash
 * (lib/password.ts) is written when the member sets their own password. Same `scrypt$N$r$p$…`
 * format, so the normal verifier checks it; full cost here would make a 10,000-member first sync
 * spend minutes in scrypt.
 */
const INITIAL = { N: 16, r: 1, p: 1 } as const;

function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, 32, INITIAL);
  return [
    'scrypt',
    INITIAL.N,
    INITIAL.r,
    INITIAL.p,
    salt.toString('base64'),
    hash.toString('base64'),
  ].join('$');
}

export interface InitialCredential {
  passwordHash: string | null;
  mustChangePassword: boolean;
  /** The clear password, only for `random` (shown once to the admin). */
  shown?: string;
}

/** Initial password of an account created by sync, per the tenant's policy (PRODUCT.md §5.2.4). */
export function initialCredential(
  policy: SyncPolicy['initialPassword'],
  username: string,
): InitialCredential {
  if (policy === 'wecom-only') return { passwordHash: null, mustChangePassword: false };
  if (policy === 'random') {
    const password = generatePassword(16);
    return { passwordHash: cheapHash(password), mustChangePassword: true, shown: password };
  }
  return { passwordHash: cheapHash(username), mustChangePassword: true };
}
