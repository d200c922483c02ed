import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

const TTL_MS = 5 * 60_000;

/**
 * Single-use codes valid 5 minutes: in-app 免登 codes (`dd.requestAuthCode` →
 * topapi/v2/user/getuserinfo) and QR-login authCodes (→ v1.0/oauth2/userAccessToken).
 */
export function createCodes(clock: Clock) {
  const codes = new Map<string, { userid: string; kind: 'inapp' | 'qr'; expiresAt: number }>();
  return {
    issue(userid: string, kind: 'inapp' | 'qr'): string {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { userid, kind, expiresAt: clock.now() + TTL_MS });
      return code;
    },
    /** The member the code was issued for, consuming it; undefined when unknown, used or expired. */
    consume(code: unknown, kind: 'inapp' | 'qr'): string | undefined {
      if (typeof code !== 'string') return undefined;
      const entry = codes.get(code);
      if (!entry || entry.kind !== kind) return undefined;
      codes.delete(code);
      return entry.expiresAt > clock.now() ? entry.userid : undefined;
    },
    reset: () => codes.clear(),
  };
}

export type Codes = ReturnType<typeof createCodes>;
