import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';

const TTL_MS = 7_200_000;

interface Issued {
  token: string;
  expiresAt: number;
}

/**
 * App access tokens: one live token per app; asking again within its life returns the same token
 * and extends it to a full 7200 s (README "Facts"). gettoken and v1.0/oauth2/accessToken share it.
 * User access tokens (QR login) map to a member's unionid.
 */
export function createTokens(clock: Clock) {
  let app: Issued | null = null;
  const users = new Map<string, { unionid: string; expiresAt: number }>();
  let issuedCount = 0;
  const fresh = () => `${randomBytes(16).toString('hex')}`;

  return {
    issueApp(): { token: string; expiresIn: number } {
      const now = clock.now();
      if (!app || app.expiresAt <= now) {
        app = { token: fresh(), expiresAt: now + TTL_MS };
        issuedCount++;
      } else {
        app.expiresAt = now + TTL_MS;
      }
      return { token: app.token, expiresIn: TTL_MS / 1000 };
    },
    /** 'ok', 'expired' (42001) or 'invalid' (40014). */
    checkApp(token: string | undefined): 'ok' | 'expired' | 'invalid' | 'missing' {
      if (!token) return 'missing';
      if (!app || app.token !== token) return 'invalid';
      return app.expiresAt > clock.now() ? 'ok' : 'expired';
    },
    /** Makes the live token invalid at once (as DingTalk may when the secret is reset). */
    revokeApp(): void {
      app = null;
    },
    issueUser(unionid: string): { token: string; expiresIn: number } {
      const token = fresh();
      users.set(token, { unionid, expiresAt: clock.now() + TTL_MS });
      return { token, expiresIn: TTL_MS / 1000 };
    },
    userOf(token: string | undefined): string | undefined {
      const u = token ? users.get(token) : undefined;
      return u && u.expiresAt > clock.now() ? u.unionid : undefined;
    },
    /** How many distinct app tokens were issued (a refetch of the live one does not count). */
    issued: () => issuedCount,
    reset(): void {
      app = null;
      users.clear();
      issuedCount = 0;
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;
