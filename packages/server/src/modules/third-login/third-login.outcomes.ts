import { ConnectorError } from '../../connectors/kit';
import { AppError } from '../../lib/errors';

/**
 * Why a WeCom sign-in did not end in a session. The codes travel to the console in the URL
 * fragment (`/oauth2-app/login#error=<code>`), which explains each in Chinese and English.
 */
export const LOGIN_FAILURES = [
  'tenant_invalid',
  'return_path_invalid',
  'not_configured',
  'disabled',
  'state_invalid',
  'state_expired',
  'state_replayed',
  'state_browser_mismatch',
  'cancelled',
  'code_invalid',
  'domain_untrusted',
  'ip_untrusted',
  'wecom_unavailable',
  'wecom_error',
  'outsider',
  'unbound',
  /** No binding because a tenant admin 移出'd the member: a sync never binds them again. */
  'removed',
  /** No binding because the member unbound themselves: a sync never binds them again either. */
  'self_unbound',
  /** No binding because an admin left the member out of syncs (排除). */
  'excluded',
  'binding_inactive',
  'create_conflict',
  'pending',
  'quit',
  'refused',
  'invited',
  'member_frozen',
  'account_frozen',
  'tenant_frozen',
] as const;
export type LoginFailure = (typeof LOGIN_FAILURES)[number];

/** A refused sign-in step; the routes turn it into a redirect to the explaining page. */
export class LoginRefusal extends Error {
  override readonly name = 'LoginRefusal';
  constructor(
    readonly reason: LoginFailure,
    /** The provider's errcode when WeCom refused (40029, 50001, 60020…). */
    readonly errcode?: number,
  ) {
    super(`WeCom sign-in refused: ${reason}${errcode ? ` (${errcode})` : ''}`);
  }
}

/** Config problems from `thirdAppConfig.runtime()` as sign-in outcomes; others pass through. */
export function refusalFromConfigError(err: unknown): unknown {
  if (err instanceof AppError && err.code === 'third_app.not_configured') {
    return new LoginRefusal('not_configured');
  }
  if (err instanceof AppError && err.code === 'third_app.disabled') {
    return new LoginRefusal('disabled');
  }
  return err;
}

/**
 * WeCom's answer to the code exchange (auth/getuserinfo, doc /91023): 40029 = the code was used,
 * expired (5 min) or issued for another app; 50001 = the redirect domain is not the app's
 * trusted domain (可信域名); 60020 = our server's IP is not in the app's 企业可信IP.
 */
export function refusalFromExchangeError(err: unknown): unknown {
  if (!(err instanceof ConnectorError)) return err;
  const code = err.info.providerCode;
  if (code === 40029) return new LoginRefusal('code_invalid', code);
  if (code === 50001) return new LoginRefusal('domain_untrusted', code);
  if (code === 60020) return new LoginRefusal('ip_untrusted', code);
  if (err.kind === 'network' || err.kind === 'transient' || err.kind === 'rate') {
    return new LoginRefusal('wecom_unavailable', code || undefined);
  }
  return new LoginRefusal('wecom_error', code || undefined);
}

/** Membership status (1 normal, 2 quit, 3 pending, 4 refused, 5 invited) → refusal, if any. */
export function refusalForMembership(status: number, frozen: boolean): LoginFailure | null {
  const byStatus: Record<number, LoginFailure> = {
    2: 'quit',
    3: 'pending',
    4: 'refused',
    5: 'invited',
  };
  if (byStatus[status]) return byStatus[status];
  return frozen ? 'member_frozen' : null;
}

/** Sentences for refusals answered as JSON (ticket exchange, account linking). */
export const ACCESS_MESSAGES: Partial<Record<LoginFailure, string>> = {
  pending:
    'Your membership in this tenant is awaiting approval (审核中). Ask a tenant administrator to approve it, then sign in again.',
  quit: 'You have left this tenant (离职). Ask a tenant administrator to restore your membership.',
  refused: 'Your request to join this tenant was refused. Ask a tenant administrator.',
  invited:
    'You were invited to this tenant but have not accepted yet. Accept the invitation first.',
  member_frozen:
    'Your membership in this tenant is frozen. Ask a tenant administrator to unfreeze it.',
  account_frozen: 'This account is frozen. Ask an administrator to unfreeze it.',
  tenant_frozen: 'This tenant is frozen. Ask the platform administrator.',
};

/** The refusal for an account entering a tenant, or null when it may. */
export function refusalForAccess(access: {
  tenantStatus: number;
  membershipStatus: number;
  frozen: boolean;
  userStatus: number;
}): LoginFailure | null {
  if (access.tenantStatus !== 1) return 'tenant_frozen';
  if (access.userStatus !== 1) return 'account_frozen';
  return refusalForMembership(access.membershipStatus, access.frozen);
}
