import type { AppConfig } from '../../config';
import type { ConnectorInstance } from '../../connectors/kit';
import type { Db } from '../../db/client';
import { createAuditRepo } from '../audit/audit.repo';
import type {
  ConnectorRuntime,
  ThirdAppConfigService,
} from '../third-app-config/third-app-config.service';
import { provisionMember } from './provision';
import { safeReturnPath } from './return-path';
import { randomSecret, sameDigest, SECRET_PATTERN, sha256 } from './third-login.crypto';
import {
  LoginRefusal,
  refusalForAccess,
  refusalFromConfigError,
  refusalFromExchangeError,
} from './third-login.outcomes';
import { createThirdLoginRepo } from './third-login.repo';

export const THIRD_TYPE = 'wechat_enterprise' as const;
export const STATE_TTL_SECONDS = 600;
export const TICKET_TTL_SECONDS = 60;
export const LINK_TTL_SECONDS = 600;
export const CALLBACK_PATH = `/sys/thirdLogin/oauth2/${THIRD_TYPE}/callback`;
export const LANDING_PATH = '/oauth2-app/login';

/** WeCom's `state` rule: a-zA-Z0-9, at most 128 bytes (doc /91022). */
const STATE_FORMAT = /^[A-Za-z0-9]{1,128}$/;
const INT4_MAX = 2_147_483_647;

export interface OAuthFlowDeps {
  db: Db;
  config: Pick<AppConfig, 'publicUrl'>;
  thirdAppConfig: Pick<ThirdAppConfigService, 'runtime'>;
}

type Fragment = Record<string, string | number | undefined>;

function parseTenantId(raw: string): number | null {
  if (!/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= INT4_MAX ? id : null;
}

/**
 * The browser half of WeCom sign-in: `start` sends the browser to WeCom with a fresh state,
 * `callback` checks what comes back and hands the console a one-time ticket — always in the
 * URL fragment of a page on PUBLIC_URL, never a session token and never another origin.
 */
export function createOAuthFlow(deps: OAuthFlowDeps) {
  const { db, config } = deps;
  const repo = createThirdLoginRepo(db);
  const audit = createAuditRepo(db);
  const callbackUrl = config.publicUrl + CALLBACK_PATH;

  const landing = (fragment: Fragment) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fragment)) if (v !== undefined) params.set(k, String(v));
    return `${config.publicUrl}${LANDING_PATH}#${params.toString()}`;
  };

  async function runtime(tenantId: number): Promise<ConnectorRuntime> {
    try {
      return await deps.thirdAppConfig.runtime(tenantId, THIRD_TYPE);
    } catch (err) {
      throw refusalFromConfigError(err);
    }
  }

  /** Uses the state up (whatever the verdict later) and returns what it references. */
  async function takeState(state: string | undefined) {
    if (!state || !STATE_FORMAT.test(state)) throw new LoginRefusal('state_invalid');
    const { found, replayed } = await repo.consumeState(sha256(state));
    if (!found) throw new LoginRefusal(replayed ? 'state_replayed' : 'state_invalid');
    return found;
  }

  /** The state must come back to the browser that started the sign-in (its nonce cookie). */
  function checkState(found: { expired: boolean; nonceHash: string }, nonce: string | undefined) {
    if (found.expired) throw new LoginRefusal('state_expired');
    if (!nonce || !SECRET_PATTERN.test(nonce) || !sameDigest(sha256(nonce), found.nonceHash)) {
      throw new LoginRefusal('state_browser_mismatch');
    }
  }

  async function identify(connector: ConnectorInstance, code: string): Promise<string> {
    try {
      const identity = await connector.oauth.exchange(code);
      if (identity.kind !== 'member' || !identity.userId) throw new LoginRefusal('outsider');
      return identity.userId;
    } catch (err) {
      throw err instanceof LoginRefusal ? err : refusalFromExchangeError(err);
    }
  }

  async function assertMayEnter(tenantId: number, userId: number): Promise<void> {
    const access = await repo.accessOf(tenantId, userId);
    const reason = access ? refusalForAccess(access) : 'unbound';
    if (reason) throw new LoginRefusal(reason);
  }

  async function issueTicket(
    kind: 'session' | 'link',
    rt: ConnectorRuntime,
    who: { userId: number | null; extUserId: string; returnPath: string },
  ): Promise<string> {
    const ticket = randomSecret();
    await repo.insertTicket(
      rt.tenantId,
      { ticketHash: sha256(ticket), kind, thirdType: THIRD_TYPE, corpId: rt.corpId, ...who },
      kind === 'session' ? TICKET_TTL_SECONDS : LINK_TTL_SECONDS,
    );
    return ticket;
  }

  /** Tenant policy for a WeCom member without a binding (`syncPolicy.unboundLogin`). */
  async function unbound(rt: ConnectorRuntime, extUserId: string, returnPath: string) {
    const policy = rt.syncPolicy.unboundLogin;
    if (policy === 'link') {
      const link = await issueTicket('link', rt, { userId: null, extUserId, returnPath });
      return landing({ link, tenantId: rt.tenantId, userid: extUserId });
    }
    if (policy !== 'create') throw new LoginRefusal('unbound');
    const tenant = await repo.findTenant(rt.tenantId);
    if (!tenant) throw new LoginRefusal('not_configured');
    const userId = await provisionMember(db, {
      tenantId: rt.tenantId,
      houseNumber: tenant.houseNumber,
      corpId: rt.corpId,
      extUserId,
      connector: rt.connector,
    });
    await assertMayEnter(rt.tenantId, userId);
    return landing({ ticket: await issueTicket('session', rt, { userId, extUserId, returnPath }) });
  }

  async function signIn(
    tenantId: number,
    code: string,
    returnPath: string,
    ctx: { userid?: string },
  ) {
    const rt = await runtime(tenantId);
    const extUserId = await identify(rt.connector, code);
    ctx.userid = extUserId;
    const binding = await repo.findBindingByExtUser(tenantId, THIRD_TYPE, rt.corpId, extUserId);
    if (!binding) return unbound(rt, extUserId, returnPath);
    if (!binding.active) throw new LoginRefusal('binding_inactive');
    await assertMayEnter(tenantId, binding.userId);
    const who = { userId: binding.userId, extUserId: binding.extUserId, returnPath };
    return landing({ ticket: await issueTicket('session', rt, who) });
  }

  return {
    callbackUrl,
    landing,

    /** GET …/login: where to send the browser, and the nonce cookie to (re)set. */
    async start(input: { tenantId: string; redirect?: string; qr: boolean; nonce?: string }) {
      const tenantId = parseTenantId(input.tenantId);
      try {
        if (tenantId === null) throw new LoginRefusal('tenant_invalid');
        const returnPath = safeReturnPath(input.redirect, config.publicUrl);
        if (returnPath === null) throw new LoginRefusal('return_path_invalid');
        const rt = await runtime(tenantId);
        // One nonce per browser, reused, so two tabs signing in at once do not evict each other.
        const nonce =
          input.nonce && SECRET_PATTERN.test(input.nonce) ? input.nonce : randomSecret();
        const state = randomSecret();
        await repo.purgeExpired();
        await repo.insertState(
          tenantId,
          {
            stateHash: sha256(state),
            nonceHash: sha256(nonce),
            thirdType: THIRD_TYPE,
            mode: input.qr ? 'qr' : 'app',
            returnPath,
          },
          STATE_TTL_SECONDS,
        );
        const oauth = rt.connector.oauth;
        const p = { redirectUri: callbackUrl, state };
        return { location: input.qr ? oauth.qrLoginUrl(p) : oauth.authorizeUrl(p), nonce };
      } catch (err) {
        if (!(err instanceof LoginRefusal)) throw err;
        return {
          location: landing({ error: err.reason, tenantId: tenantId ?? undefined }),
          nonce: null,
        };
      }
    },

    /** GET …/callback: state → code exchange → binding → one-time ticket (or an explanation). */
    async callback(input: { code?: string; state?: string; nonce?: string; ip: string }) {
      let tenantId: number | undefined;
      const ctx: { userid?: string } = {};
      try {
        const found = await takeState(input.state);
        tenantId = found.tenantId;
        checkState(found, input.nonce);
        if (!input.code) throw new LoginRefusal('cancelled');
        return { location: await signIn(found.tenantId, input.code, found.returnPath, ctx) };
      } catch (err) {
        if (!(err instanceof LoginRefusal)) throw err;
        if (tenantId !== undefined) {
          await audit.record(tenantId, {
            actorUserId: null,
            action: 'third_login.refused',
            details: {
              reason: err.reason,
              errcode: err.errcode ?? null,
              extUserId: ctx.userid ?? null,
            },
            ip: input.ip,
          });
        }
        const fragment = { error: err.reason, errcode: err.errcode, tenantId, userid: ctx.userid };
        return { location: landing(fragment) };
      }
    },
  };
}
export type OAuthFlow = ReturnType<typeof createOAuthFlow>;
