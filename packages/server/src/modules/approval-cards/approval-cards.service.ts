import type { Db } from '../../db/client';
import type { ThirdType } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import { createAuditRecorder } from '../audit/audit.recorder';
import type { CardClick } from '../callbacks/callbacks.service';
import { stderrLog, type OutcomeLog } from '../messages/messages.outcomes';
import type { MessagesService } from '../messages/messages.service';
import type { TenantsService } from '../tenants/tenants.service';
import type { ThirdAppConfigService } from '../third-app-config/third-app-config.service';
import {
  APPROVE_KEY,
  approvalCard,
  newTaskId,
  parseTaskId,
  REFUSE_KEY,
  replaceName,
} from './approval-cards.content';
import { createApprovalCardsRepo } from './approval-cards.repo';

const THIRD_TYPE: ThirdType = 'wechat_enterprise';

/** The console's approve / refuse: acting through them keeps §7 and the last-admin rules. */
export type MemberDecisions = Pick<TenantsService, 'approve' | 'refuse'>;

/** Errors of approve / refuse that mean "somebody decided already" (or the member is gone). */
const ALREADY_DECIDED = new Set(['members.not_pending', 'members.not_found']);

export type ClickOutcome =
  | 'approved'
  | 'refused'
  | 'already_handled'
  | 'not_admin'
  | 'not_bound'
  | 'unknown_card'
  | 'disabled'
  | 'failed';

/**
 * Cards a tenant sends at most (per minute, per hour). They share WeCom's per-member limit (30 a
 * minute, 1000 an hour) with the tenant's own messages to its admins, and join requests cost the
 * applicant nothing: past these, pending requests wait in the console (成员管理 → 审核中) without a
 * card, so strangers cannot crowd out the tenant's messages.
 */
export const CARD_CAP = { perMinute: 10, perHour: 100 };

/**
 * Approvals from WeCom (PRODUCT.md §8): when a membership becomes pending, the tenant's admins
 * bound to WeCom get an interactive card (同意 / 拒绝); a click (template_card_event, verified by
 * the callback module) is checked against the clicker's standing at click time, acted on through
 * the console's own approve / refuse as that admin, audited, and shown on the card.
 */
export function createApprovalCardsService(deps: {
  db: Db;
  runtime: ThirdAppConfigService['runtime'];
  messages: Pick<MessagesService, 'sendApprovalCard'>;
  /** Late-bound: the tenants service also tells this one when someone becomes pending. */
  decisions: () => MemberDecisions;
  log?: OutcomeLog;
}) {
  const repo = createApprovalCardsRepo(deps.db);
  const audit = createAuditRecorder(deps.db);
  const log = deps.log ?? stderrLog;
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  /** Sends the card; 'off' / 'no_admins' / 'not_pending' when there is nothing to send. */
  async function send(tenantId: number, userId: number) {
    let rt;
    try {
      rt = await deps.runtime(tenantId, THIRD_TYPE);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return 'not_configured' as const;
      throw err;
    }
    if (rt.syncPolicy.approvalCards === false) return 'off' as const;
    const recent = await repo.cardsSent(tenantId);
    if (recent.lastMinute >= CARD_CAP.perMinute || recent.lastHour >= CARD_CAP.perHour) {
      await audit.record(tenantId, {
        actorUserId: null,
        action: 'approval_card.capped',
        targetType: 'user',
        targetId: userId,
        details: { ...recent, cap: CARD_CAP },
      });
      return 'capped' as const;
    }
    const applicant = await repo.pendingApplicant(tenantId, userId);
    if (!applicant) return 'not_pending' as const;
    const admins = await repo.boundAdmins(tenantId, THIRD_TYPE, rt.corpId);
    if (admins.length === 0) return 'no_admins' as const;
    const taskId = newTaskId(tenantId, userId);
    const outcome = await deps.messages.sendApprovalCard(tenantId, {
      content: approvalCard(taskId, {
        displayName: applicant.realname || applicant.username,
        phone: applicant.phone,
        tenantName: applicant.tenant_name,
      }),
      toUsers: admins.map((a) => a.username),
    });
    return outcome.status;
  }

  async function updateCard(
    rt: Awaited<ReturnType<ThirdAppConfigService['runtime']>>,
    toUsers: string[],
    click: CardClick,
    text: string,
  ) {
    const update = rt.connector.messaging.updateCardButton;
    if (!update) return;
    try {
      await update({ toUsers, responseCode: click.responseCode, replaceName: text });
    } catch (err) {
      // The decision stands; the card keeps its buttons (a later click says it was handled).
      log.warn(
        { tenantId: rt.tenantId, taskId: click.taskId, err: (err as Error).message },
        'approval card could not be updated',
      );
    }
  }

  async function handle(tenantId: number, click: CardClick): Promise<ClickOutcome> {
    const refusal = (
      outcome: ClickOutcome,
      actorUserId: number | null,
      targetId?: number,
      extra: Record<string, unknown> = {},
    ) =>
      audit
        .record(tenantId, {
          actorUserId,
          action: 'approval_card.click_refused',
          ...(targetId ? { targetType: 'user', targetId } : {}),
          details: {
            reason: outcome,
            taskId: click.taskId,
            extUserId: click.fromUser,
            key: click.eventKey,
            ...extra,
          },
        })
        .then(() => outcome);

    const named = parseTaskId(click.taskId);
    const card = named?.tenantId === tenantId ? await repo.findCard(tenantId, click.taskId) : null;
    if (!named || !card) return refusal('unknown_card', null);
    // Turning the integration (or the cards) off stops decisions from WeCom at once.
    let rt;
    try {
      rt = await deps.runtime(tenantId, THIRD_TYPE);
    } catch (err) {
      if (err instanceof AppError && err.code === 'third_app.disabled')
        return refusal('disabled', null, named.userId);
      throw err;
    }
    if (rt.syncPolicy.approvalCards === false) return refusal('disabled', null, named.userId);
    // A card is for one request: once a newer card for the same applicant exists (refused or
    // approved, then asked again), an old card's buttons decide nothing.
    if (!card.newest) {
      await audit.record(tenantId, {
        actorUserId: null,
        action: 'approval_card.already_handled',
        targetType: 'user',
        targetId: named.userId,
        details: { taskId: click.taskId, extUserId: click.fromUser, reason: 'superseded' },
      });
      await updateCard(rt, [click.fromUser], click, replaceName.handled());
      return 'already_handled';
    }
    const who = await repo.clicker(tenantId, THIRD_TYPE, rt.corpId, click.fromUser);
    if (!who) return refusal('not_bound', null, named.userId);
    if (who.role !== 'admin' || who.status !== 1 || who.frozen)
      return refusal('not_admin', who.user_id, named.userId);
    if (click.eventKey !== APPROVE_KEY && click.eventKey !== REFUSE_KEY)
      return refusal('unknown_card', who.user_id, named.userId);

    const ctx: TenantContext = {
      tenantId,
      userId: who.user_id,
      role: 'admin',
      isPlatformAdmin: false,
    };
    const approve = click.eventKey === APPROVE_KEY;
    const byName = who.realname || who.username;
    const toUsers = [...new Set([click.fromUser, ...card.reached])];
    // One audit entry per decision: the member.approve / member.refuse entry, saying how.
    const via = { via: 'wecom_card', taskId: click.taskId, extUserId: click.fromUser };
    try {
      await (approve
        ? deps.decisions().approve(ctx, named.userId, via)
        : deps.decisions().refuse(ctx, named.userId, via));
    } catch (err) {
      if (!(err instanceof AppError) || !ALREADY_DECIDED.has(err.code)) throw err;
      await audit.record(tenantId, {
        actorUserId: who.user_id,
        action: 'approval_card.already_handled',
        targetType: 'user',
        targetId: named.userId,
        details: { taskId: click.taskId, extUserId: click.fromUser, key: click.eventKey },
      });
      await updateCard(rt, [click.fromUser], click, replaceName.handled());
      return 'already_handled';
    }
    await updateCard(
      rt,
      toUsers,
      click,
      approve ? replaceName.approved(byName) : replaceName.refused(byName),
    );
    return approve ? 'approved' : 'refused';
  }

  return {
    /**
     * Someone became pending in `tenantId`: card the bound admins, in the background (after the
     * caller's transaction; no provider call inside it). Failures are logged, never thrown.
     */
    notifyPending(tenantId: number, userId: number): void {
      void track(
        send(tenantId, userId).catch((err: unknown) => {
          log.error(
            { tenantId, userId, err: err instanceof Error ? err.message : String(err) },
            'approval card not sent',
          );
        }),
      );
    },

    /** A verified, de-duplicated click on a card of this tenant. Never throws. */
    handleClick(tenantId: number, click: CardClick): Promise<ClickOutcome> {
      return track(
        handle(tenantId, click).catch(async (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          log.error({ tenantId, taskId: click.taskId, err: message }, 'approval card click failed');
          await audit
            .record(tenantId, {
              actorUserId: null,
              action: 'approval_card.click_failed',
              details: { taskId: click.taskId, extUserId: click.fromUser, error: message },
            })
            .catch(() => {});
          return 'failed' as const;
        }),
      );
    },

    /** Resolves when every card being sent or click being handled is done (tests, shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
export type ApprovalCardsService = ReturnType<typeof createApprovalCardsService>;
