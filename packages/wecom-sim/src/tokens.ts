import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { WeComApiError } from './errors';

/** Which secret a token was issued for: a self-built app, or the contacts-sync assistant (通讯录同步). */
export type TokenOwner = { kind: 'app'; agentId: number } | { kind: 'contact' };

interface LiveToken {
  value: string;
  owner: TokenOwner;
  expiresAt: number;
}

/** WeCom tokens live 7200 s (doc /91039). */
export const TOKEN_TTL_SECONDS = 7200;

/**
 * One live token per secret. Re-fetching returns the same token with `expires_in: 7200` and does
 * not extend its life (reference §1); a token that expired or was invalidated early answers the
 * configured errcode (42001 by default, 40014 like recent WeCom), an unknown one 40014.
 */
export function createTokenService(clock: Clock, expiredErrcode: 42001 | 40014 = 42001) {
  const bySecret = new Map<string, LiveToken>();
  const byValue = new Map<string, LiveToken>();
  /** Dead tokens remember the errcode they die with (bounded: old entries are dropped). */
  const dead = new Map<string, number>();
  let defaultExpiredCode: number = expiredErrcode;

  const bury = (token: LiveToken, code: number): void => {
    byValue.delete(token.value);
    dead.set(token.value, code);
    if (dead.size > 10_000) dead.delete(dead.keys().next().value as string);
  };

  function issue(secret: string, owner: TokenOwner): { token: string; expiresIn: number } {
    const existing = bySecret.get(secret);
    if (existing && existing.expiresAt > clock.now())
      return { token: existing.value, expiresIn: TOKEN_TTL_SECONDS };
    if (existing) bury(existing, defaultExpiredCode);
    const value = randomBytes(96).toString('base64url');
    const token: LiveToken = { value, owner, expiresAt: clock.now() + TOKEN_TTL_SECONDS * 1000 };
    bySecret.set(secret, token);
    byValue.set(value, token);
    return { token: value, expiresIn: TOKEN_TTL_SECONDS };
  }

  /** Resolves the caller of a business API or throws 41001 / 40014 / 42001. */
  function authenticate(value: string | undefined): TokenOwner {
    if (!value) throw new WeComApiError(41001);
    const token = byValue.get(value);
    if (!token) {
      const code = dead.get(value) ?? 40014;
      throw new WeComApiError(code);
    }
    if (token.expiresAt <= clock.now()) {
      bury(token, defaultExpiredCode);
      throw new WeComApiError(defaultExpiredCode);
    }
    return token.owner;
  }

  /** Early invalidation ("企业微信可能会出于运营需要，提前使access_token失效"). */
  function expireAll(code: 42001 | 40014 = defaultExpiredCode as 42001 | 40014): number {
    let count = 0;
    for (const [secret, token] of bySecret) {
      bySecret.delete(secret);
      if (byValue.has(token.value)) count++;
      bury(token, code);
    }
    return count;
  }

  /** Kills one token (a 42001/40014 fault also kills the token it answered). */
  function expire(value: string, code: number): void {
    const token = byValue.get(value);
    if (!token) return;
    for (const [secret, t] of bySecret) if (t === token) bySecret.delete(secret);
    bury(token, code);
  }

  return {
    issue,
    authenticate,
    expireAll,
    expire,
    setExpiredErrcode(code: 42001 | 40014): void {
      defaultExpiredCode = code;
    },
    reset(): void {
      bySecret.clear();
      byValue.clear();
      dead.clear();
      defaultExpiredCode = expiredErrcode;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
