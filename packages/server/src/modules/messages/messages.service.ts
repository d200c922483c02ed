import type { AppConfig } from '../../config';
import type { Message } from '../../connectors/kit';
import type { TenantHosts } from '../../lib/tenant-host';
import type { Db } from '../../db/client';
import type { MessageStatus, ThirdType } from '../../db/schema';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import type { ThirdAppConfigService } from '../third-app-config/third-app-config.service';
import {
  registeredConnectors,
  type MessagingConnector,
  type MessagingConnectors,
} from './messages.connectors';
import {
  buildMessage,
  checkTextContent,
  checkType,
  markdownTitle,
  summarise,
} from './messages.content';
import {
  isConnectorError,
  providerFailure,
  recallFailure,
  recallWindowPassed,
} from './messages.errors';
import {
  createOutcomeRecorder,
  startOutcomePoll,
  startSweep,
  stderrLog,
  type MessagesModuleOptions,
  type OutcomeLog,
} from './messages.outcomes';
import { createMessagesRepo, type MessageRow } from './messages.repo';
import type {
  ComposeBody,
  ComposeResult,
  SendMessageTestBody,
  SendMessageTestResult,
} from './messages.schemas';
import { createMessageSender, type Sender, type SendOutcome } from './messages.send';

/** WeCom recalls messages sent within the last 24 hours (doc /94867). */
export const RECALL_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The sender logged for messages OrgBridge sends by itself (approval cards). */
export const SYSTEM_SENDER = { userId: 0, username: 'OrgBridge' } as const;

/**
 * Splits `receiver` on commas, trims, drops empties and duplicates; usernames ignore case like
 * sign-in does, so "Zhang,zhang" is one receiver (first spelling kept).
 */
export function parseReceivers(receiver: string | undefined): { users: string[]; all: boolean } {
  const users: string[] = [];
  const seen = new Set<string>();
  let all = false;
  for (const part of (receiver ?? '').split(',')) {
    const name = part.trim();
    const key = name.toLowerCase();
    if (!name) continue;
    if (key === '@all') all = true;
    else if (!seen.has(key)) {
      seen.add(key);
      users.push(name);
    }
  }
  return { users, all };
}

function failureDetails(o: SendOutcome) {
  return {
    messageId: o.messageId,
    msgid: o.msgIds[0] ?? '',
    sent: o.recipients.delivered,
    invalid: o.recipients.invalid,
    unbound: o.recipients.unbound,
    throttled: o.recipients.throttled,
    failed: o.recipients.failed,
    departments: o.departments,
  };
}

/** Nothing could be handed to the provider: say why (all throttled → 429, else 400). */
function nothingDeliverable(o: SendOutcome): AppError {
  if (o.recipients.throttled.length > 0) {
    return new AppError(
      'messages.throttled',
      429,
      `每位成员每分钟最多接收 30 条、每小时 1000 条应用消息，这些接收人已达上限，消息未发送：${o.recipients.throttled.join(', ')}。(Every recipient reached WeCom's per-member limit of 30 messages a minute or 1000 an hour; nothing was sent. Try again later.)`,
      { ...failureDetails(o), retryAfterSeconds: 60 },
    );
  }
  return badRequest(
    'messages.no_deliverable_receivers',
    `没有可发送的接收人：以下账号不存在、不是本租户的在职成员或尚未绑定企业微信：${o.recipients.unbound.join(', ') || '—'}；部门未从企业微信同步：${o.departments.unbound.join(', ') || '—'}。(None of the receivers can get WeCom messages: the users are unknown, not active members of this tenant, or not bound to WeCom, and the departments were not synced from WeCom. Sync from WeCom first, or check the receivers.)`,
    failureDetails(o),
  );
}

/**
 * Shown with `accepted_log_pending`: WeCom has the message, our log does not yet (zh-CN, then en).
 */
export const LOG_PENDING_NOTICE =
  '企业微信已接收此消息，但发送记录暂未写入数据库（系统会自动重试写入）。请勿重发，否则接收人会收到两次。(WeCom accepted the message, but its log entry could not be stored yet; it is retried automatically. Do not send it again, or the recipients get it twice.)';

/** Provider refusal or nothing to deliver → the error to answer with; null when accepted. */
function outcomeError(o: SendOutcome): AppError | null {
  if (o.status === 'not_sent') return nothingDeliverable(o);
  if (o.error) return providerFailure(o.error, failureDetails(o));
  return null;
}

/** No connector is registered for a thirdType the API accepted (a configuration mistake). */
const noConnector = (thirdType: string) =>
  badRequest(
    'messages.no_connector',
    `No connector is registered for thirdType "${thirdType}" on this server; ask the operator to install it, or use one of the registered types.`,
    { field: 'thirdType', thirdType },
  );

/** `@all` / everyone, where the connector can address it (400 otherwise). */
function checkToAll(c: MessagingConnector, field: string) {
  if (c.capabilities.toAll) return;
  throw badRequest(
    'messages.to_all_unsupported',
    `${c.names.en} cannot send to everyone at once; name the receivers instead. (${c.names['zh-CN']} 不支持发送给全员，请指定接收人)`,
    { field },
  );
}

/**
 * The JeecgBoot body of sendMessageTest as a neutral message: `msgType` text (the default) or
 * markdown, `content` the text, `title` the markdown title where given.
 */
function pushMessage(c: MessagingConnector, body: SendMessageTestBody): Message {
  const msgType = (body.msgType ?? 'text').trim().toLowerCase() || 'text';
  if (msgType !== 'text' && msgType !== 'markdown') {
    throw badRequest(
      'messages.unsupported_type',
      `msgType "${body.msgType}" is not supported here: use text or markdown. (msgType 只能是 text 或 markdown)`,
      { field: 'msgType', msgtype: body.msgType, supported: ['text', 'markdown'] },
    );
  }
  checkType(c, msgType, 'msgType');
  const text = checkTextContent(c, 'content', body.content, msgType);
  if (msgType === 'text') return { type: 'text', text };
  const title = body.title?.trim() || markdownTitle(text);
  return { type: 'markdown', title, text };
}

export function createMessagesService(deps: {
  db: Db;
  thirdAppConfig: Pick<ThirdAppConfigService, 'runtime'>;
  config: Pick<AppConfig, 'publicUrl'>;
  hosts?: Pick<TenantHosts, 'baseUrlOf'>;
  log?: OutcomeLog;
  options?: MessagesModuleOptions;
  /** Counters only (GET /metrics): each send's outcome and each journal round's size. */
  observe?: { messageSent(outcome: string): void; journalBatch(size: number): void };
  /** Epoch ms until which close retries stored outcomes (SHUTDOWN_GRACE_S); unset: one pass. */
  shutdownDeadline?: () => number;
  /** The connectors messages go through: the registry's, unless a test gives its own. */
  connectors?: MessagingConnectors;
}) {
  const connectors = deps.connectors ?? registeredConnectors();
  const log = deps.log ?? stderrLog;
  const repo = createMessagesRepo(deps.db, {
    onAnalyzeError: (err) => log.warn({ err }, 'ANALYZE of the message log failed'),
    ...(deps.observe ? { onJournalBatch: deps.observe.journalBatch } : {}),
  });
  const outcomes = createOutcomeRecorder({
    write: (it) => repo.finishMessage(it.tenantId, it.messageId, it.patch, it.batches, it.audit),
    log,
    options: deps.options,
  });
  const sweep = startSweep({ db: deps.db, log, options: deps.options });
  const sendOnce = createMessageSender({ repo, outcomes, log, connectors });
  const poll = startOutcomePoll({
    db: deps.db,
    thirdTypes: connectors
      .all()
      .filter((c) => c.capabilities.outcome === 'async')
      .map((c) => c.thirdType),
    messaging: async (tenantId, thirdType) =>
      (
        await deps.thirdAppConfig.runtime(tenantId, thirdType as ThirdType, {
          requireEnabled: false,
        })
      ).connector.messaging,
    log,
    options: deps.options,
  });
  const send: typeof sendOnce = async (...args) => {
    try {
      const o = await sendOnce(...args);
      const pending = o.logPending && o.msgIds.length > 0;
      deps.observe?.messageSent(pending ? 'accepted_log_pending' : o.status);
      return o;
    } catch (err) {
      deps.observe?.messageSent('error');
      throw err;
    }
  };
  // Links go through the tenant's own host when it has one (PRODUCT.md §8).
  const linkCtx = async (tenantId: number, thirdType: ThirdType) => ({
    publicUrl: deps.hosts ? await deps.hosts.baseUrlOf(tenantId) : deps.config.publicUrl,
    sharedUrl: deps.config.publicUrl,
    tenantId,
    thirdType,
  });
  /** sendMessageTest's `app` → its connector (400 naming the registered apps otherwise). */
  const connectorForApp = (app: string): MessagingConnector => {
    const found = connectors.byApp(app);
    if (found) return found;
    const apps = connectors.all().map((c) => c.appName);
    throw badRequest(
      'messages.unsupported_app',
      `app "${app}" is not supported on this server: use ${apps.join(' or ')}. (app 只能是 ${apps.join('、')})`,
      { field: 'app', supported: apps },
    );
  };
  /** The connector used when a request names none: the first registered (the seed's only one). */
  const defaultThirdType = (): ThirdType => connectors.all()[0]!.thirdType;
  const connectorOf = (thirdType: ThirdType): MessagingConnector | null => {
    try {
      return connectors.byThirdType(thirdType);
    } catch {
      return null;
    }
  };

  function view(row: MessageRow, counts: Record<string, number> | undefined) {
    return {
      id: row.id,
      source: row.source,
      msgtype: row.msgtype,
      summary: summarise(row.content),
      senderUsername: row.senderUsername,
      target: row.target,
      status: row.status,
      msgIds: row.msgIds,
      counts: {
        pending: counts?.pending ?? 0,
        delivered: counts?.delivered ?? 0,
        invalid: counts?.invalid ?? 0,
        unbound: counts?.unbound ?? 0,
        throttled: counts?.throttled ?? 0,
        failed: counts?.failed ?? 0,
        unknown: counts?.unknown ?? 0,
        read: counts?.read ?? 0,
      },
      error: row.error ?? null,
      createdAt: row.createdAt,
      recalledAt: row.recalledAt,
      recallable:
        connectorOf(row.thirdType)?.capabilities.recall === true &&
        !row.recalledAt &&
        row.msgIds.length > 0 &&
        Date.now() - row.createdAt.getTime() < RECALL_WINDOW_MS,
    };
  }

  async function requireMessage(tenantId: number, id: number) {
    const row = await repo.findMessageById(tenantId, id);
    if (!row) throw notFound('messages', 'messages.not_found');
    return row;
  }

  return {
    /** The seed's push API (PRODUCT.md §5.4): a text message to usernames or `@all`. */
    async sendMessageTest(
      ctx: TenantContext,
      sender: Sender,
      body: SendMessageTestBody,
    ): Promise<SendMessageTestResult> {
      const connector = connectorForApp(body.app);
      const content = pushMessage(connector, body);
      const receivers = parseReceivers(body.receiver);
      const toAll = body.sendAll === true || receivers.all;
      if (!toAll && receivers.users.length === 0) {
        throw badRequest(
          'messages.receiver_required',
          'Give "receiver" (comma-separated usernames) or set "sendAll": true. (receiver 与 sendAll 必须填写其一)',
          { field: 'receiver' },
        );
      }
      if (toAll) checkToAll(connector, 'sendAll');
      const rt = await deps.thirdAppConfig.runtime(ctx.tenantId, connector.thirdType);
      const o = await send(ctx, sender, rt, {
        source: 'push_api',
        thirdType: connector.thirdType,
        content,
        toUsers: toAll ? [] : receivers.users,
        toDepartments: [],
        toAll,
      });
      // Accepted by WeCom but not logged yet: success, whatever else went wrong.
      const pending = o.logPending && o.msgIds.length > 0;
      const err = pending ? null : outcomeError(o);
      if (err) throw err;
      return {
        messageId: o.messageId,
        msgid: o.msgIds[0] ?? '',
        msgIds: o.msgIds,
        status: pending ? 'accepted_log_pending' : o.status,
        ...(pending ? { notice: LOG_PENDING_NOTICE } : {}),
        errcode: 0,
        errmsg: 'ok',
        toAll: o.toAll,
        sent: o.recipients.delivered,
        invalid: o.recipients.invalid,
        unbound: o.recipients.unbound,
        throttled: o.recipients.throttled,
      };
    },

    /** The head-count an @all send is confirmed with: bound, active, unfrozen members. */
    async audience(ctx: TenantContext, thirdType: ThirdType = defaultThirdType()) {
      const rt = await deps.thirdAppConfig.runtime(ctx.tenantId, thirdType);
      return {
        thirdType,
        boundActive: await repo.countAudience(ctx.tenantId, thirdType, rt.corpId),
      };
    },

    /** Any supported message type to users, departments or everyone. */
    async compose(ctx: TenantContext, sender: Sender, body: ComposeBody): Promise<ComposeResult> {
      const thirdType = body.thirdType ?? defaultThirdType();
      const connector = connectorOf(thirdType);
      if (!connector) throw noConnector(thirdType);
      const content = buildMessage(body, await linkCtx(ctx.tenantId, thirdType), connector);
      const toUsers = parseReceivers((body.toUsers ?? []).join(',')).users;
      const toDepartments = [...new Set(body.toDepartments ?? [])];
      const toAll = body.toAll === true;
      if (!toAll && toUsers.length === 0 && toDepartments.length === 0) {
        throw badRequest(
          'messages.receiver_required',
          'Choose receivers: toUsers, toDepartments, or toAll: true.',
          { field: 'toUsers' },
        );
      }
      if (toAll) checkToAll(connector, 'toAll');
      const rt = await deps.thirdAppConfig.runtime(ctx.tenantId, thirdType);
      const o = await send(ctx, sender, rt, {
        source: 'composer',
        thirdType,
        content,
        toUsers: toAll ? [] : toUsers,
        toDepartments: toAll ? [] : toDepartments,
        toAll,
        options: {
          ...(body.safe ? { safe: true } : {}),
          ...(body.enableDuplicateCheck ? { enableDuplicateCheck: true } : {}),
          ...(body.duplicateCheckInterval
            ? { duplicateCheckInterval: body.duplicateCheckInterval }
            : {}),
        },
      });
      if (o.status === 'not_sent') throw nothingDeliverable(o);
      if (o.error && o.msgIds.length === 0) throw providerFailure(o.error, failureDetails(o));
      const pending = o.logPending && o.msgIds.length > 0;
      return {
        messageId: o.messageId,
        status: pending ? 'accepted_log_pending' : o.status,
        ...(pending ? { notice: LOG_PENDING_NOTICE } : {}),
        msgid: o.msgIds[0] ?? '',
        msgIds: o.msgIds,
        toAll: o.toAll,
        recipients: o.recipients,
        departments: o.departments,
      };
    },

    /**
     * OrgBridge's own approval card (PRODUCT.md §8) to the given usernames of the tenant, through
     * the same send path (logged as source `approval_card`, per-member limits apply). The sender
     * is OrgBridge itself (user id 0). Never throws for an undeliverable card: the outcome says.
     */
    async sendApprovalCard(
      tenantId: number,
      card: { content: Extract<Message, { type: 'interactive' }>; toUsers: string[] },
    ): Promise<SendOutcome> {
      const thirdType = defaultThirdType();
      const connector = connectorOf(thirdType);
      if (!connector) throw noConnector(thirdType);
      checkType(connector, 'interactive');
      const rt = await deps.thirdAppConfig.runtime(tenantId, thirdType);
      return send(
        { tenantId, userId: SYSTEM_SENDER.userId, role: 'admin', isPlatformAdmin: false },
        { username: SYSTEM_SENDER.username },
        rt,
        {
          source: 'approval_card',
          thirdType,
          content: card.content,
          toUsers: parseReceivers(card.toUsers.join(',')).users,
          toDepartments: [],
          toAll: false,
        },
      );
    },

    async list(
      ctx: TenantContext,
      q: { page: number; pageSize: number; status?: MessageStatus; source?: string },
    ) {
      const { records, total } = await repo.listMessages(ctx.tenantId, q);
      const counts = await repo.countOutcomes(
        ctx.tenantId,
        records.map((r) => r.id),
      );
      return { records: records.map((r) => view(r, counts.get(r.id))), total };
    },

    async get(ctx: TenantContext, id: number) {
      const row = await requireMessage(ctx.tenantId, id);
      const recipients = await repo.listRecipients(ctx.tenantId, id);
      const counts: Record<string, number> = {};
      for (const r of recipients) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      return {
        ...view(row, counts),
        content: row.content,
        departments: row.departments ?? null,
        recipients: recipients.map((r) => ({
          username: r.username,
          userId: r.userId,
          wechatUserId: r.extUserId,
          outcome: r.outcome,
          msgid: r.msgId,
        })),
      };
    },

    /** Recalls every batch of a message within WeCom's 24 h window. */
    async recall(ctx: TenantContext, id: number) {
      const row = await requireMessage(ctx.tenantId, id);
      if (row.recalledAt) {
        throw conflict('messages.already_recalled', 'This message has already been recalled.');
      }
      const connector = connectorOf(row.thirdType);
      if (!connector?.capabilities.recall) {
        throw badRequest(
          'messages.recall_unsupported',
          `${connector?.names.en ?? row.thirdType} cannot recall messages, so this one stays with its recipients. (${connector?.names['zh-CN'] ?? row.thirdType} 不支持撤回消息)`,
          { thirdType: row.thirdType },
        );
      }
      if (row.msgIds.length === 0) {
        throw badRequest(
          'messages.not_recallable',
          'This message was never accepted by WeCom, so there is nothing to recall.',
        );
      }
      if (Date.now() - row.createdAt.getTime() >= RECALL_WINDOW_MS) {
        throw recallWindowPassed(row.createdAt);
      }
      const rt = await deps.thirdAppConfig.runtime(ctx.tenantId, row.thirdType);
      for (const msgId of row.msgIds) {
        try {
          await rt.connector.messaging.recall(msgId);
        } catch (err) {
          if (isConnectorError(err)) throw recallFailure(err, row.createdAt);
          throw err;
        }
      }
      const recalledAt = await repo.markRecalled(ctx.tenantId, id, ctx.userId);
      if (!recalledAt) {
        throw conflict('messages.already_recalled', 'This message has already been recalled.');
      }
      return { id, recalledAt };
    },

    /** Outcomes accepted by WeCom and not stored yet (kept in memory, retried). */
    pendingOutcomes: () => outcomes.pending(),

    /** Stops the sweep and the background retry (one last try; what is left is logged). */
    /** One pass of the asynchronous-outcome poll (tests; the timer runs it otherwise). */
    pollOutcomes: () => poll.pollNow(),

    async close() {
      await poll.stop();
      await sweep.stop();
      await outcomes.stop(deps.shutdownDeadline?.());
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
