import type { ThirdType } from '../../db/schema';
import { MEMBERSHIP_STATUS } from '../../db/schema';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors';
import { isUniqueViolation } from '../../lib/pg-error';
import type { TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import type { AuthService } from '../auth/auth.service';
import { createBindingsWriter } from '../bindings/bindings.writer';
import { createOAuthFlow, THIRD_TYPE, type OAuthFlowDeps } from './oauth-flow';
import { externalName } from './provision';
import { SECRET_PATTERN, sha256 } from './third-login.crypto';
import { ACCESS_MESSAGES, refusalForAccess } from './third-login.outcomes';
import { createThirdLoginRepo, type TicketRow } from './third-login.repo';

interface ClientMeta {
  ip: string;
  userAgent?: string;
}

const ticketInvalid = () =>
  new AppError(
    'third_login.ticket_invalid',
    401,
    'This sign-in ticket was already used or has expired (tickets work once, within 60 seconds). Start the WeCom sign-in again.',
  );

const linkInvalid = () =>
  new AppError(
    'third_login.link_invalid',
    401,
    'This account-linking link was already used or has expired (10 minutes). Open the app from WeCom again.',
  );

/**
 * The owner's consent at the link-by-password step (PRODUCT.md §7): accepts the pending link
 * request asking this account to be bound to this WeCom member, if any (`accepted: false` when
 * none; `membershipStatus` the account's status in the tenant afterwards, 0 = none). It is
 * `acceptLinkRequest` of modules/link-requests bound to the database, wired in services.ts.
 */
export type AcceptLinkRequest = (input: {
  tenantId: number;
  thirdType: ThirdType;
  corpId: string;
  extUserId: string;
  userId: number;
  ip?: string;
}) => Promise<{ accepted: boolean; membershipStatus: number }>;

const linkedPending = () =>
  new AppError(
    'third_login.linked_pending',
    403,
    'Your account is now linked to this WeCom member, and your membership in this tenant awaits approval (审核中). Ask a tenant administrator to approve it, then sign in again.',
  );

/**
 * WeCom sign-in (PRODUCT.md §5.6): the OAuth redirects, the one-time ticket exchange, linking an
 * unbound WeCom member to an existing account by password, and a member's own binding.
 */
export function createThirdLoginService(
  deps: OAuthFlowDeps & {
    auth: Pick<AuthService, 'signInAs' | 'checkPassword'>;
    /** Absent until the link-requests module is wired: then no request can be accepted here. */
    acceptLinkRequest?: AcceptLinkRequest;
  },
) {
  const { db, auth } = deps;
  const repo = createThirdLoginRepo(db);
  const flow = createOAuthFlow(deps);

  async function assertMayEnter(tenantId: number, userId: number, notMember: () => AppError) {
    const access = await repo.accessOf(tenantId, userId);
    if (!access) throw notMember();
    const reason = refusalForAccess(access);
    if (reason) throw new AppError(`third_login.${reason}`, 403, ACCESS_MESSAGES[reason] ?? reason);
  }

  function signIn(row: TicketRow, userId: number, meta: ClientMeta, linked: boolean) {
    return auth
      .signInAs(userId, {
        ...meta,
        tenantId: row.tenantId,
        action: 'auth.login_wecom',
        details: { thirdType: row.thirdType, extUserId: row.extUserId, linked },
      })
      .then((result) => ({ ...result, redirect: row.returnPath }));
  }

  /** The WeCom name for the binding; fetched before the transaction (no provider call inside). */
  async function nameOf(row: TicketRow): Promise<string> {
    const rt = await deps.thirdAppConfig.runtime(row.tenantId, row.thirdType).catch(() => null);
    return (rt && (await externalName(rt.connector, row.extUserId))) ?? row.extUserId;
  }

  async function bind(row: TicketRow, userId: number): Promise<void> {
    const extName = await nameOf(row);
    try {
      await db.transaction(async (tx) => {
        const member = { thirdType: row.thirdType, corpId: row.corpId, extUserId: row.extUserId };
        const bindings = createBindingsWriter(tx);
        await bindings.insertBinding(row.tenantId, {
          ...member,
          userId,
          extName,
          active: true,
        });
        // The member proved the link: an earlier unbind no longer keeps syncs from pairing it.
        await bindings.clearUnpaired(row.tenantId, member);
        await createAuditRecorder(tx).record(row.tenantId, {
          actorUserId: userId,
          action: 'third_login.linked',
          targetType: 'user',
          targetId: userId,
          details: { thirdType: row.thirdType, extUserId: row.extUserId },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err, 'third_accounts_ext_uq')) {
        throw conflict(
          'third_login.wecom_already_bound',
          'This WeCom member was bound to an account meanwhile. Open the app from WeCom again.',
        );
      }
      throw err;
    }
  }

  return {
    /** Cookies get `Secure` when PUBLIC_URL is https. */
    secureCookies: deps.config.publicUrl.startsWith('https:'),
    start: flow.start,
    callback: flow.callback,

    /** POST /sys/thirdLogin/exchange: a ticket from the callback → a session, once, within 60 s. */
    async exchange(ticket: string, meta: ClientMeta) {
      if (!SECRET_PATTERN.test(ticket)) throw ticketInvalid();
      const row = await repo.consumeTicket(sha256(ticket), 'session');
      if (!row || row.userId === null) throw ticketInvalid();
      // The membership may have changed in the seconds since the callback.
      await assertMayEnter(row.tenantId, row.userId, ticketInvalid);
      return signIn(row, row.userId, meta, false);
    },

    /**
     * Tenant policy `link`: the member proves an existing account by password. A member of the
     * tenant is bound at once; an account the tenant asked to link (a pending link request for
     * this WeCom member) is bound by accepting that request — proving the password is the
     * owner's consent (PRODUCT.md §7). Either way the session is scoped to this tenant.
     */
    async link(input: ClientMeta & { linkToken: string; username: string; password: string }) {
      if (!SECRET_PATTERN.test(input.linkToken)) throw linkInvalid();
      const hash = sha256(input.linkToken);
      const live = await repo.findLiveTicket(hash, 'link');
      if (!live) throw linkInvalid();
      const user = await auth.checkPassword(input);
      const consent = await deps.acceptLinkRequest?.({
        tenantId: live.tenantId,
        thirdType: live.thirdType,
        corpId: live.corpId,
        extUserId: live.extUserId,
        userId: user.id,
        ip: input.ip,
      });
      if (consent?.accepted) {
        // Bound by the acceptance; the ticket still has to be used up, once.
        const row = await repo.consumeTicket(hash, 'link');
        if (!row) throw linkInvalid();
        if (consent.membershipStatus !== MEMBERSHIP_STATUS.normal) throw linkedPending();
        await assertMayEnter(row.tenantId, user.id, linkedPending);
        return signIn(row, user.id, input, true);
      }
      await assertMayEnter(live.tenantId, user.id, () =>
        forbidden(
          'third_login.link_not_member',
          'This account is not a member of the tenant. Sign in with an account of this tenant, or ask its administrator to add you.',
        ),
      );
      if (await repo.findBindingOfUser(live.tenantId, live.thirdType, user.id)) {
        throw conflict(
          'third_login.account_already_bound',
          'This account is already bound to another WeCom member in this tenant. Ask a tenant administrator to unbind it first.',
        );
      }
      const row = await repo.consumeTicket(hash, 'link');
      if (!row) throw linkInvalid();
      await bind(row, user.id);
      return signIn(row, user.id, input, true);
    },

    /** Public: whether a tenant offers WeCom sign-in, and its name only when it does. */
    async tenantInfo(tenantId: number) {
      const enabled = await deps.thirdAppConfig
        .runtime(tenantId, THIRD_TYPE)
        .then(() => true)
        .catch((err: unknown) => {
          if (err instanceof AppError && err.code.startsWith('third_app.')) return false;
          throw err;
        });
      const tenant = enabled ? await repo.findTenant(tenantId) : null;
      return { tenantId, name: tenant?.name ?? null, wecomEnabled: enabled && tenant !== null };
    },

    /** The caller's own WeCom binding in the current tenant, or null. */
    async myBinding(ctx: TenantContext) {
      const row = await repo.findBindingOfUser(ctx.tenantId, THIRD_TYPE, ctx.userId);
      if (!row) return null;
      return {
        id: row.id,
        thirdType: row.thirdType,
        corpId: row.corpId,
        wechatUserId: row.extUserId,
        wechatName: row.extName,
        active: row.active,
        boundAt: row.boundAt,
      };
    },

    /**
     * The caller unbinds their own WeCom member in the current tenant. Like 移出, a marker in
     * the same transaction keeps every later sync from binding the member again by username or
     * name, until an admin pairs it by hand or the member links it again at WeCom sign-in.
     */
    async unbindMine(ctx: TenantContext, ip: string): Promise<void> {
      const row = await repo.findBindingOfUser(ctx.tenantId, THIRD_TYPE, ctx.userId);
      if (!row) throw notFound('binding', 'third_login.binding_not_found');
      await db.transaction(async (tx) => {
        const bindings = createBindingsWriter(tx);
        // Gone meanwhile (a concurrent unbind or 移出): nothing of the caller's to unbind.
        if (!(await bindings.unbind(ctx.tenantId, row, ctx.userId))) {
          throw notFound('binding', 'third_login.binding_not_found');
        }
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'third_login.self_unbound',
          targetType: 'third_account',
          targetId: row.id,
          details: { thirdType: row.thirdType, extUserId: row.extUserId },
          ip,
        });
      });
    },
  };
}
export type ThirdLoginService = ReturnType<typeof createThirdLoginService>;
