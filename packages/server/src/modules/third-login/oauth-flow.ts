import type { AppConfig } from '../../config';
import type { ConnectorInstance, ExtIdentity } from '../../connectors/kit';
import { findConnector, SUPPORTED_THIRD_TYPES } from '../../connectors/registry';
import type { Db } from '../../db/client';
import type { ThirdType } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { TenantHosts } from '../../lib/tenant-host';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createBindingsWriter } from '../bindings/bindings.writer';
import type {
  ConnectorRuntime,
  ThirdAppConfigService,
} from '../third-app-config/third-app-config.service';
import { provisionMember } from './provision';
import { safeReturnPath } from './return-path';
import { randomSecret, sameDigest, SECRET_PATTERN, sha256 } from './third-login.crypto';
import {
  LoginRefusal,
  type LoginFailure,
  refusalForAccess,
  refusalFromConfigError,
  refusalFromExchangeError,
} from './third-login.outcomes';
import { createThirdLoginRepo } from './third-login.repo';

export const THIRD_TYPE = 'wechat_enterprise' as const;
export const STATE_TTL_SECONDS = 600;
export const TICKET_TTL_SECONDS = 60;
export const LINK_TTL_SECONDS = 600;
/** `/sys/thirdLogin/oauth2/:thirdType/callback`: the redirect_uri the provider sends back to. */
export const callbackPath = (thirdType: ThirdType) =>
  `/sys/thirdLogin/oauth2/${thirdType}/callback`;
export const CALLBACK_PATH = callbackPath(THIRD_TYPE);
export const LANDING_PATH = '/oauth2-app/login';
export const loginPath = (thirdType: ThirdType) => `/sys/thirdLogin/oauth2/${thirdType}/login`;
export const LOGIN_PATH = loginPath(THIRD_TYPE);

/** The thirdTypes sign-in is offered for: those with a registered connector. */
export const signInThirdTypes = (): string[] => [...SUPPORTED_THIRD_TYPES];

/** The `:thirdType` of a sign-in path; 404 naming the supported ones when none is registered. */
export function signInThirdType(raw: string): ThirdType {
  if (findConnector(raw)) return raw as ThirdType;
  throw new AppError(
    'third_login.unsupported_type',
    404,
    `No connector offers sign-in for thirdType "${raw}". Supported: ${signInThirdTypes().join(', ')}.`,
    { thirdType: raw, supported: signInThirdTypes() },
  );
}

/** WeCom's `state` rule: a-zA-Z0-9, at most 128 bytes (doc /91022). */
const STATE_FORMAT = /^[A-Za-z0-9]{1,128}$/;
const INT4_MAX = 2_147_483_647;

export interface OAuthFlowDeps {
  db: Db;
  config: Pick<AppConfig, 'publicUrl'>;
  thirdAppConfig: Pick<ThirdAppConfigService, 'runtime'>;
  /** Per-tenant hosts (PRODUCT.md §8): redirect_uri and landing page on the tenant's domain. */
  hosts: Pick<TenantHosts, 'tenantOfHost' | 'baseUrlOf'>;
}

type Fragment = Record<string, string | number | undefined>;
interface StartInput {
  /** The provider of the path (`signInThirdType`). */
  thirdType: ThirdType;
  /** Absent: the tenant whose host this is. */
  tenantId?: string;
  redirect?: string;
  qr: boolean;
  nonce?: string;
  /** The request's host name (Fastify's `req.hostname`). */
  host?: string;
}

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
  const audit = createAuditRecorder(db);
  const { hosts } = deps;

  /** The explaining (or ticket) page, on the host the sign-in belongs to. */
  const landing = (fragment: Fragment, base: string = config.publicUrl) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fragment)) if (v !== undefined) params.set(k, String(v));
    return `${base}${LANDING_PATH}#${params.toString()}`;
  };
  const baseOf = (tenantId: number | undefined, hostTenant: number | null) => {
    const id = tenantId ?? hostTenant;
    return id === undefined || id === null
      ? Promise.resolve(config.publicUrl)
      : hosts.baseUrlOf(id);
  };

  async function runtime(tenantId: number, thirdType: ThirdType): Promise<ConnectorRuntime> {
    try {
      return await deps.thirdAppConfig.runtime(tenantId, thirdType);
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

  async function identify(
    connector: ConnectorInstance,
    code: string,
  ): Promise<ExtIdentity & { userId: string }> {
    try {
      const identity = await connector.oauth.exchange(code);
      if (identity.kind !== 'member' || !identity.userId) throw new LoginRefusal('outsider');
      return { ...identity, userId: identity.userId };
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
      { ticketHash: sha256(ticket), kind, thirdType: rt.thirdType, corpId: rt.corpId, ...who },
      kind === 'session' ? TICKET_TTL_SECONDS : LINK_TTL_SECONDS,
    );
    return ticket;
  }

  /**
   * snsapi_privateinfo: the member's consented mobile/email onto their binding. Best effort — a
   * failed getuserdetail (ticket expired, fields not enabled) does not refuse the sign-in.
   */
  async function keepConsented(
    rt: ConnectorRuntime,
    identity: ExtIdentity,
    mode: string,
    bindingId: number,
  ) {
    const detail = rt.connector.oauth.consentedDetail;
    if (mode !== 'app' || rt.syncPolicy.signInScope !== 'privateinfo') return;
    if (!identity.userTicket || !detail) return;
    try {
      const d = await detail(identity.userTicket);
      if (!d.mobile && !d.email) return;
      await createBindingsWriter(db).storeConsented(rt.tenantId, bindingId, {
        ...d,
        at: new Date().toISOString(),
      });
    } catch {
      // The sign-in itself succeeded; the fields are asked for again at the next one.
    }
  }

  /**
   * Why a member has no binding, so the console says who can help: a sync binds one never bound,
   * but not one whose binding was removed (移出 by an admin, or by the member) — only an admin
   * pairing them by hand in the sync dialog does — nor one an admin left out of syncs (排除).
   */
  async function unboundReason(rt: ConnectorRuntime, extUserId: string): Promise<LoginFailure> {
    const mark = await repo.findUnpairedMark(rt.tenantId, rt.thirdType, rt.corpId, extUserId);
    if (mark) return mark.createdBy === mark.userId ? 'self_unbound' : 'removed';
    if (await repo.isExcluded(rt.tenantId, rt.thirdType, rt.corpId, extUserId)) return 'excluded';
    return 'unbound';
  }

  /** Tenant policy for a WeCom member without a binding (`syncPolicy.unboundLogin`). */
  async function unbound(
    rt: ConnectorRuntime,
    identity: ExtIdentity & { userId: string },
    found: { returnPath: string; mode: string },
  ) {
    const extUserId = identity.userId;
    const { returnPath } = found;
    const policy = rt.syncPolicy.unboundLogin;
    const base = await hosts.baseUrlOf(rt.tenantId);
    if (policy === 'link') {
      const link = await issueTicket('link', rt, { userId: null, extUserId, returnPath });
      return landing({ link, tenantId: rt.tenantId, userid: extUserId }, base);
    }
    if (policy !== 'create') throw new LoginRefusal(await unboundReason(rt, extUserId));
    const tenant = await repo.findTenant(rt.tenantId);
    if (!tenant) throw new LoginRefusal('not_configured');
    const userId = await provisionMember(db, {
      tenantId: rt.tenantId,
      houseNumber: tenant.houseNumber,
      thirdType: rt.thirdType,
      corpId: rt.corpId,
      extUserId,
      connector: rt.connector,
    });
    await assertMayEnter(rt.tenantId, userId);
    const made = await repo.findBindingByExtUser(rt.tenantId, rt.thirdType, rt.corpId, extUserId);
    if (made) await keepConsented(rt, identity, found.mode, made.id);
    const ticket = await issueTicket('session', rt, { userId, extUserId, returnPath });
    return landing({ ticket }, base);
  }

  async function signIn(
    found: { tenantId: number; returnPath: string; mode: string; thirdType: ThirdType },
    code: string,
    ctx: { userid?: string },
  ) {
    const { tenantId, returnPath } = found;
    const rt = await runtime(tenantId, found.thirdType);
    const identity = await identify(rt.connector, code);
    const extUserId = identity.userId;
    ctx.userid = extUserId;
    const binding = await repo.findBindingByExtUser(tenantId, rt.thirdType, rt.corpId, extUserId);
    if (!binding) return unbound(rt, identity, found);
    if (!binding.active) throw new LoginRefusal('binding_inactive');
    await assertMayEnter(tenantId, binding.userId);
    await keepConsented(rt, identity, found.mode, binding.id);
    const who = { userId: binding.userId, extUserId: binding.extUserId, returnPath };
    const ticket = await issueTicket('session', rt, who);
    return landing({ ticket }, await hosts.baseUrlOf(tenantId));
  }

  /**
   * On a tenant's own host only that tenant signs in (its id may be left out); elsewhere a tenant
   * with a domain is sent there first, so the browser cookie, WeCom's redirect_uri and the
   * landing page all live on the one host WeCom trusts for it.
   */
  async function hostCheck(input: StartInput, tenantId: number | null, hostTenant: number | null) {
    if (hostTenant !== null) {
      if (tenantId === hostTenant) return null;
      throw new AppError(
        'third_login.tenant_host_mismatch',
        404,
        'This host belongs to another tenant and signs in only its own members. Open the sign-in link of your own tenant.',
      );
    }
    if (tenantId === null) return null;
    const base = await hosts.baseUrlOf(tenantId);
    if (base === config.publicUrl) return null;
    const q = new URLSearchParams({ tenantId: String(tenantId) });
    if (input.redirect !== undefined) q.set('redirect', input.redirect);
    if (input.qr) q.set('qr', '1');
    return `${base}${loginPath(input.thirdType)}?${q.toString()}`;
  }

  return {
    landing,

    /** GET …/login: where to send the browser, and the nonce cookie to (re)set. */
    async start(input: StartInput) {
      const hostTenant = await hosts.tenantOfHost(input.host);
      const tenantId = parseTenantId(input.tenantId ?? String(hostTenant ?? ''));
      const moved = await hostCheck(input, tenantId, hostTenant);
      if (moved) return { location: moved, nonce: null };
      const base = await baseOf(tenantId ?? undefined, hostTenant);
      try {
        if (tenantId === null) throw new LoginRefusal('tenant_invalid');
        const returnPath = safeReturnPath(input.redirect, config.publicUrl);
        if (returnPath === null) throw new LoginRefusal('return_path_invalid');
        const rt = await runtime(tenantId, input.thirdType);
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
            thirdType: input.thirdType,
            mode: input.qr ? 'qr' : 'app',
            returnPath,
          },
          STATE_TTL_SECONDS,
        );
        const oauth = rt.connector.oauth;
        const p = { redirectUri: base + callbackPath(input.thirdType), state };
        // QR/web login has no privateinfo scope: it stays snsapi_base (reference §6.2).
        const location = input.qr
          ? oauth.qrLoginUrl(p)
          : oauth.authorizeUrl({ ...p, scope: rt.syncPolicy.signInScope });
        return { location, nonce };
      } catch (err) {
        if (!(err instanceof LoginRefusal)) throw err;
        return {
          location: landing({ error: err.reason, tenantId: tenantId ?? undefined }, base),
          nonce: null,
        };
      }
    },

    /** GET …/callback: state → code exchange → binding → one-time ticket (or an explanation). */
    async callback(input: {
      /** The provider of the path, whose runtime exchanges the code. */
      thirdType: ThirdType;
      code?: string;
      state?: string;
      nonce?: string;
      ip: string;
      host?: string;
    }) {
      let tenantId: number | undefined;
      const ctx: { userid?: string } = {};
      const hostTenant = await hosts.tenantOfHost(input.host);
      try {
        const found = await takeState(input.state);
        tenantId = found.tenantId;
        // A tenant's host completes only its own tenant's sign-ins.
        if (hostTenant !== null && hostTenant !== found.tenantId) {
          throw new LoginRefusal('state_invalid');
        }
        // A state comes back only to the callback of the provider whose login path issued it.
        if (found.thirdType !== input.thirdType) throw new LoginRefusal('state_invalid');
        checkState(found, input.nonce);
        if (!input.code) throw new LoginRefusal('cancelled');
        return {
          location: await signIn(found, input.code, ctx),
        };
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
        return { location: landing(fragment, await baseOf(tenantId, hostTenant)) };
      }
    },
  };
}
export type OAuthFlow = ReturnType<typeof createOAuthFlow>;
