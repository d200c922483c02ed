import type { ConnectorError, Message, NeutralOutboundMessage } from '../../connectors/kit';
import type { MessageSource, MessageStatus, ThirdType } from '../../db/schema';
import { connectorOf } from '../../connectors/registry';
import type { TenantContext } from '../../lib/route';
import type { ConnectorRuntime } from '../third-app-config/third-app-config.service';
import type { MessagingConnector, MessagingConnectors } from './messages.connectors';
import { MSGTYPE_OF, storedContent } from './messages.content';
import { isConnectorError, toMessageError } from './messages.errors';
import type { OutcomeLog, OutcomeRecorder } from './messages.outcomes';
import type { MessagesRepo, RecipientDraft } from './messages.repo';
import type { SendAudit } from './messages.writes';

export interface SendRequest {
  source: MessageSource;
  thirdType: ThirdType;
  /** The neutral message, already checked against the connector and with links wrapped. */
  content: Message;
  /** Usernames, trimmed and de-duplicated. */
  toUsers: string[];
  toDepartments: number[];
  toAll: boolean;
  options?: Pick<
    NeutralOutboundMessage,
    'safe' | 'enableDuplicateCheck' | 'duplicateCheckInterval'
  >;
}

export interface SendOutcome {
  messageId: number;
  status: MessageStatus;
  msgIds: string[];
  toAll: boolean;
  recipients: Record<'delivered' | 'invalid' | 'unbound' | 'throttled' | 'failed', string[]>;
  departments: { delivered: number[]; invalid: number[]; unbound: number[] };
  /** The first provider refusal, if any batch was refused. */
  error: ConnectorError | null;
  /**
   * The outcome could not be stored yet (the database refused the write after its retries); it
   * is queued in memory and stored later. The message row still says `sending`.
   */
  logPending: boolean;
}

interface Batch {
  extUserIds: string[];
  extDepartmentIds: string[];
  msgId: string | null;
  invalid: string[];
  /** Refused by the provider for its per-member limit. */
  throttled: string[];
  invalidDepartments: string[];
  /** Accepted by a provider whose outcome comes later: recipients stay pending until polled. */
  awaiting: boolean;
}

export interface Sender {
  username: string;
  /**
   * Who sent it, for the send's one audit entry (`message.sent`, written with its outcome);
   * absent for OrgBridge's own messages (approval cards), which are not audited as sends.
   */
  audit?: { actorUserId: number | null; actorApiKeyId: number | null; ip?: string | undefined };
}

/** The audit entry of a send: log id, source, counts and outcome — never the body. */
function sendAudit(
  sender: Sender,
  messageId: number,
  req: SendRequest,
  outcome: { status: MessageStatus; recipients?: SendOutcome['recipients'] } & Partial<
    Pick<SendOutcome, 'departments' | 'msgIds'>
  >,
): SendAudit | undefined {
  if (!sender.audit) return undefined;
  const counts = outcome.recipients
    ? Object.fromEntries(Object.entries(outcome.recipients).map(([k, v]) => [k, v.length]))
    : undefined;
  return {
    actorUserId: sender.audit.actorUserId,
    actorApiKeyId: sender.audit.actorApiKeyId,
    ip: sender.audit.ip ?? null,
    details: {
      messageId,
      source: req.source,
      msgtype: MSGTYPE_OF[req.content.type],
      outcome: outcome.status,
      toAll: req.toAll,
      requested: { users: req.toUsers.length, departments: req.toDepartments.length },
      ...(counts ? { recipients: counts } : {}),
      ...(outcome.departments && req.toDepartments.length
        ? {
            departments: {
              delivered: outcome.departments.delivered.length,
              invalid: outcome.departments.invalid.length,
              unbound: outcome.departments.unbound.length,
            },
          }
        : {}),
      batches: outcome.msgIds?.length ?? 0,
    },
  };
}

/**
 * The per-member limits the log counts before calling the provider: those of a minute and an
 * hour (WeCom's 30 and 1000, which it enforces by dropping messages silently). Limits over a day
 * or on the same content are left to the provider, whose refusals come back as `throttled`.
 */
function countedLimits(c: MessagingConnector) {
  const l = c.capabilities.perMemberLimit;
  return { perMinute: l?.perMinute ?? null, perHour: l?.perHour ?? null };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `invaliduser` of a refused call (WeCom still lists them on 81013), lower-cased. */
function invalidFromError(err: ConnectorError, key: 'invaliduser' | 'invalidparty'): string[] {
  const raw = err.info.body?.[key];
  return typeof raw === 'string'
    ? raw
        .split('|')
        .filter(Boolean)
        .map((s) => s.toLowerCase())
    : [];
}

/**
 * The one send path behind both APIs: resolve receivers, log the message with every recipient
 * (throttled ones marked before the provider is called), send in batches of the provider's
 * size outside any transaction, then record each recipient's outcome. Once the provider has
 * answered, recording goes through `outcomes` (messages.outcomes.ts): retried, and if the
 * database still refuses, queued and reported as `logPending` rather than thrown — the provider
 * may have delivered the message, so the caller must not be told to send it again.
 */
export function createMessageSender(deps: {
  repo: Pick<MessagesRepo, 'resolveDepartments' | 'logMessage'>;
  outcomes: Pick<OutcomeRecorder, 'record'>;
  log: OutcomeLog;
  connectors: Pick<MessagingConnectors, 'byThirdType'>;
}) {
  const { repo, outcomes } = deps;

  async function callBatches(
    rt: ConnectorRuntime,
    c: MessagingConnector,
    req: SendRequest,
    batches: Batch[],
  ) {
    let error: ConnectorError | null = null;
    for (const b of batches) {
      try {
        const res = await rt.connector.messaging.send({
          ...(req.toAll ? { toAll: true } : {}),
          ...(b.extUserIds.length ? { toUsers: b.extUserIds } : {}),
          ...(b.extDepartmentIds.length ? { toDepartments: b.extDepartmentIds } : {}),
          content: req.content,
          ...req.options,
        });
        b.msgId = res.msgId;
        b.invalid = res.invalidUsers.map((u) => u.toLowerCase());
        b.throttled = (res.throttledUsers ?? []).map((u) => u.toLowerCase());
        b.invalidDepartments = res.invalidDepartments;
        b.awaiting = c.capabilities.outcome === 'async';
      } catch (err) {
        if (!isConnectorError(err)) {
          if (!batches.some((x) => x.msgId !== null)) throw err;
          // Earlier batches were accepted: record them; this and later ones count as failed.
          deps.log.error(
            { err: err instanceof Error ? err.message : String(err) },
            'message send stopped by an unexpected error after the provider accepted earlier batches',
          );
          break;
        }
        error ??= err;
        b.invalid = invalidFromError(err, 'invaliduser');
        b.invalidDepartments = invalidFromError(err, 'invalidparty');
      }
    }
    return error;
  }

  function planBatches(c: MessagingConnector, req: SendRequest, users: string[], depts: string[]) {
    if (req.toAll) return [batch([], [])];
    const { maxUsersPerCall, maxDepartmentsPerCall } = c.capabilities;
    const u = chunk(users, maxUsersPerCall);
    const d = chunk(depts, maxDepartmentsPerCall);
    const n = Math.max(u.length, d.length);
    return Array.from({ length: n }, (_, i) => batch(u[i] ?? [], d[i] ?? []));
  }

  return async function send(
    ctx: TenantContext,
    sender: Sender,
    rt: ConnectorRuntime,
    req: SendRequest,
  ): Promise<SendOutcome> {
    const connector = deps.connectors.byThirdType(req.thirdType);
    const depts = await repo.resolveDepartments(
      ctx.tenantId,
      connectorOf(req.thirdType).id,
      req.toDepartments,
    );
    const logged = await repo.logMessage(
      ctx.tenantId,
      rt.corpId,
      {
        thirdType: req.thirdType,
        source: req.source,
        senderUserId: ctx.userId,
        senderUsername: sender.username,
        msgtype: MSGTYPE_OF[req.content.type],
        content: storedContent(req.content) as unknown as Record<string, unknown>,
        target: { toUsers: req.toUsers, toDepartments: req.toDepartments, toAll: req.toAll },
        status: 'sending',
      },
      req.toUsers,
      countedLimits(connector),
    );
    const pending = logged.recipients.filter((r) => r.outcome === 'pending');
    const extDepts = depts.filter((d) => d.extId !== null).map((d) => d.extId!);
    const batches =
      req.toAll || pending.length > 0 || extDepts.length > 0
        ? planBatches(
            connector,
            req,
            pending.map((r) => r.extUserId!),
            extDepts,
          )
        : [];
    let error: ConnectorError | null;
    try {
      error = await callBatches(rt, connector, req, batches);
    } catch (err) {
      // Nothing was accepted: the answer is this error, whether or not the record is stored yet.
      await outcomes.record({
        tenantId: ctx.tenantId,
        messageId: logged.messageId,
        patch: { status: 'failed' },
        batches,
        audit: sendAudit(sender, logged.messageId, req, { status: 'failed' }),
      });
      throw err;
    }
    const outcome = summarise(logged.messageId, req, logged.recipients, depts, batches, error);
    const stored = await outcomes.record({
      tenantId: ctx.tenantId,
      messageId: logged.messageId,
      patch: {
        status: outcome.status,
        msgIds: outcome.msgIds,
        error: error ? toMessageError(error) : null,
        departments: req.toDepartments.length ? outcome.departments : null,
      },
      batches,
      audit: sendAudit(sender, logged.messageId, req, outcome),
    });
    return { ...outcome, logPending: !stored };
  };
}
export type MessageSender = ReturnType<typeof createMessageSender>;

function batch(extUserIds: string[], extDepartmentIds: string[]): Batch {
  return {
    extUserIds,
    extDepartmentIds,
    msgId: null,
    invalid: [],
    throttled: [],
    invalidDepartments: [],
    awaiting: false,
  };
}

function summarise(
  messageId: number,
  req: SendRequest,
  drafts: RecipientDraft[],
  depts: { id: number; extId: string | null }[],
  batches: Batch[],
  error: ConnectorError | null,
): SendOutcome {
  const recipients: SendOutcome['recipients'] = {
    delivered: [],
    invalid: [],
    unbound: [],
    throttled: [],
    failed: [],
  };
  const byExt = new Map<string, 'delivered' | 'invalid' | 'throttled' | 'failed'>();
  for (const b of batches) {
    const invalid = new Set(b.invalid);
    const throttled = new Set(b.throttled);
    for (const id of b.extUserIds)
      byExt.set(
        id,
        invalid.has(id)
          ? 'invalid'
          : throttled.has(id)
            ? 'throttled'
            : b.msgId !== null
              ? 'delivered'
              : 'failed',
      );
  }
  for (const d of drafts) {
    if (d.outcome !== 'pending')
      recipients[d.outcome === 'unbound' ? 'unbound' : 'throttled'].push(d.username);
    else {
      recipients[byExt.get(d.extUserId!) ?? 'failed'].push(d.username);
    }
  }
  const departments = departmentOutcome(depts, batches);
  const okBatches = batches.filter((b) => b.msgId !== null);
  const clean =
    recipients.invalid.length +
      recipients.unbound.length +
      recipients.throttled.length +
      recipients.failed.length +
      departments.invalid.length +
      departments.unbound.length ===
    0;
  const status: MessageStatus =
    batches.length === 0
      ? 'not_sent'
      : okBatches.length === 0
        ? 'failed'
        : clean && !error
          ? 'sent'
          : 'partial';
  return {
    messageId,
    status,
    msgIds: okBatches.map((b) => b.msgId!),
    toAll: req.toAll,
    recipients,
    departments,
    error,
    logPending: false,
  };
}

function departmentOutcome(depts: { id: number; extId: string | null }[], batches: Batch[]) {
  const out: SendOutcome['departments'] = { delivered: [], invalid: [], unbound: [] };
  const state = new Map<string, 'ok' | 'invalid' | 'failed'>();
  for (const b of batches) {
    const invalid = new Set(b.invalidDepartments);
    for (const id of b.extDepartmentIds) {
      state.set(id, invalid.has(id) ? 'invalid' : b.msgId ? 'ok' : 'failed');
    }
  }
  for (const d of depts) {
    if (d.extId === null) out.unbound.push(d.id);
    else if (state.get(d.extId) === 'ok') out.delivered.push(d.id);
    else out.invalid.push(d.id);
  }
  return out;
}
