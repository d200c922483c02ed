import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { NeutralMessaging, SendOutcome } from '../../connectors/kit';
import type { MessageError, RecipientOutcome } from '../../db/schema';
import { auditLog, messageRecipients, messages } from '../../db/schema';
import { fallbackLog } from '../../lib/log';
import { rowsOf } from '../../lib/sql';
import type { FinishItem } from './messages.writes';

/**
 * What happens to a send's outcome once WeCom has answered (issue 13): the write is retried while
 * the caller waits; if it still fails, the outcome stays queued in memory and is retried in the
 * background until stored, and the caller is told that WeCom accepted the message and the log
 * is pending — never to try again. A process that stops before storing an outcome leaves its
 * message `sending`; the sweep (every process, about once a minute) resolves such rows as
 * `unknown` with the reason, and a later background write of the real outcome overwrites that.
 */
export interface MessagesOptions {
  /** Pauses between attempts of the outcome write while the caller waits. */
  outcomeRetryDelaysMs?: number[];
  /** First pause of the background retry; doubles while it fails, up to 30 s. */
  backgroundRetryMs?: number;
  /** Outcomes kept in memory at most; past it the oldest is dropped (logged as an error). */
  maxPendingOutcomes?: number;
  /** Age after which a `sending` message is resolved as `unknown`. */
  sweepAfterMs?: number;
  /** How often this process sweeps; 0 turns the sweep off. */
  sweepEveryMs?: number;
}

/** Everything the messages module can be tuned with (tests shorten the timers). */
export type MessagesModuleOptions = MessagesOptions & OutcomePollOptions;

/** 0.1 + 0.4 + 1.5 s: about two seconds before the caller hears "log pending". */
export const OUTCOME_RETRY_DELAYS_MS = [100, 400, 1500];
const BACKGROUND_RETRY_MS = 1000;
const BACKGROUND_RETRY_MAX_MS = 30_000;
/** Within the shutdown grace the queue is retried at least this often. */
const SHUTDOWN_RETRY_MS = 250;
const MAX_PENDING_OUTCOMES = 10_000;
/**
 * Longer than any send can take: a send to 20,000 users is 20 batches, each at most three
 * attempts of WeCom's 10 s timeout with backoff (~11 min in the worst case, seconds normally),
 * then the ~2 s of outcome retries, plus the wait for a cluster call slot under load — so twice
 * that, with margin. A send still running when swept is not harmed (its outcome write overwrites
 * `unknown`), but the console would show "the process stopped" meanwhile.
 */
export const SWEEP_AFTER_MS = 30 * 60_000;
export const SWEEP_EVERY_MS = 60_000;

export interface OutcomeLog {
  error(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** Until the server's logger is given: pino's JSON lines on stderr, secrets redacted. */
export const stderrLog: OutcomeLog = {
  error: (obj, msg) => fallbackLog().error(obj, msg),
  warn: (obj, msg) => fallbackLog().warn(obj, msg),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `work`, or nothing once `deadline` (epoch ms) has passed. */
async function beforeDeadline(work: Promise<void>, deadline: number): Promise<void> {
  let timeout: NodeJS.Timeout | undefined;
  const over = new Promise<void>((resolve) => {
    timeout = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  await Promise.race([work, over]);
  clearTimeout(timeout);
}
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createOutcomeRecorder(deps: {
  write: (item: FinishItem) => Promise<void>;
  log: OutcomeLog;
  options?: MessagesOptions;
}) {
  const delays = deps.options?.outcomeRetryDelaysMs ?? OUTCOME_RETRY_DELAYS_MS;
  const firstPause = deps.options?.backgroundRetryMs ?? BACKGROUND_RETRY_MS;
  const max = deps.options?.maxPendingOutcomes ?? MAX_PENDING_OUTCOMES;
  /** Message id → its outcome, oldest first. */
  const queue = new Map<number, FinishItem>();
  let pause = firstPause;
  let timer: NodeJS.Timeout | null = null;
  let draining: Promise<void> | null = null;
  let stopped = false;

  function enqueue(item: FinishItem, err: unknown) {
    if (queue.size >= max && !queue.has(item.messageId)) {
      const [oldestId, oldest] = queue.entries().next().value as [number, FinishItem];
      queue.delete(oldestId);
      deps.log.error(
        {
          tenantId: oldest.tenantId,
          messageId: oldestId,
          msgIds: oldest.patch.msgIds ?? [],
          status: oldest.patch.status,
          queued: queue.size,
        },
        'message outcome DROPPED: too many outcomes waiting for the database; the sweep will mark this message unknown (check it in WeCom)',
      );
    }
    queue.set(item.messageId, item);
    deps.log.error(
      {
        tenantId: item.tenantId,
        messageId: item.messageId,
        msgIds: item.patch.msgIds ?? [],
        status: item.patch.status,
        queued: queue.size,
        err: errText(err),
      },
      'message outcome not stored (database refused the write); kept in memory and retried in the background',
    );
    schedule();
  }

  function schedule() {
    if (timer || draining || stopped || queue.size === 0) return;
    timer = setTimeout(() => {
      timer = null;
      void drain();
    }, pause);
    timer.unref();
  }

  /** One pass over the queue: concurrent writes share statements (the journal's batcher). */
  function drain(): Promise<void> {
    draining ??= (async () => {
      const items = [...queue.values()];
      let failure: unknown = null;
      for (let i = 0; i < items.length && failure === null; i += 256) {
        const part = items.slice(i, i + 256);
        const settled = await Promise.allSettled(part.map((it) => deps.write(it)));
        settled.forEach((s, j) => {
          // Only the entry written: a newer outcome for the same message may have replaced it.
          if (s.status === 'fulfilled' && queue.get(part[j]!.messageId) === part[j])
            queue.delete(part[j]!.messageId);
          else if (s.status === 'rejected') failure ??= s.reason;
        });
      }
      if (failure === null) pause = firstPause;
      else {
        pause = Math.min(pause * 2, BACKGROUND_RETRY_MAX_MS);
        deps.log.warn(
          { queued: queue.size, retryInMs: pause, err: errText(failure) },
          'message outcomes still not stored; retrying',
        );
      }
    })().finally(() => {
      draining = null;
      schedule();
    });
    return draining;
  }

  return {
    /**
     * Stores `item`, retrying a few times. False: not stored yet, queued for the background
     * retry (the caller must not be told to send again).
     */
    async record(item: FinishItem): Promise<boolean> {
      for (let attempt = 0; ; attempt++) {
        try {
          await deps.write(item);
          return true;
        } catch (err) {
          if (attempt >= delays.length) {
            enqueue(item, err);
            return false;
          }
          await sleep(delays[attempt]!);
        }
      }
    },
    /** Outcomes waiting in memory. */
    pending: () => queue.size,
    /**
     * Stops the background retry: tries the queue once more, or with a `deadline` (epoch ms, the
     * shutdown grace) keeps retrying until it is stored or the deadline passes, a write still in
     * flight then abandoned; what is left is logged (the sweep resolves it later).
     */
    async stop(deadline?: number) {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (deadline === undefined) {
        if (queue.size > 0) await drain().catch(() => {});
      } else {
        while (queue.size > 0) {
          await beforeDeadline(
            drain().catch(() => {}),
            deadline,
          );
          if (queue.size === 0 || Date.now() >= deadline) break;
          await sleep(Math.min(pause, SHUTDOWN_RETRY_MS, deadline - Date.now()));
        }
      }
      if (queue.size > 0) {
        deps.log.error(
          { messageIds: [...queue.keys()] },
          'stopping with message outcomes not stored; the sweep will mark these messages unknown (check them in WeCom)',
        );
      }
    },
  };
}
export type OutcomeRecorder = ReturnType<typeof createOutcomeRecorder>;

/** The reason stored on a swept message (zh-CN first, English complete). */
export const OUTCOME_UNKNOWN_ERROR: MessageError = {
  errcode: 0,
  errmsg: 'outcome not recorded',
  kind: 'outcome_unknown',
  explanation: {
    'zh-CN': {
      title: '发送结果未知',
      cause:
        '发送此消息的进程在记录企业微信的结果之前停止了（重启、崩溃或数据库长时间不可用），消息可能已经送达。',
      fix: '重发之前请先在企业微信中确认接收人是否已收到此消息，以免重复发送。',
    },
    en: {
      title: 'Outcome unknown',
      cause:
        'The process sending this message stopped before it recorded WeCom’s answer (a restart, a crash, or the database unavailable for long); the message may have been delivered.',
      fix: 'Check in WeCom whether the recipients received it before sending it again, so nobody gets it twice.',
    },
  },
};

/**
 * Resolves every tenant's `sending` messages older than `olderThanMs` as `unknown` with the
 * reason, and their still-pending recipients as `unknown`. A maintenance statement across
 * tenants by nature (it reads the partial index messages_sending_idx); one statement, idempotent:
 * processes sweeping at once each resolve a row at most once, the others find it no longer
 * `sending`. Returns how many messages it resolved.
 */
export async function sweepStaleSends(db: Db, olderThanMs: number): Promise<number> {
  const result = await db.execute(sql`
    with stale as (
      update ${messages} set status = 'unknown', finished_at = now(),
        error = ${JSON.stringify(OUTCOME_UNKNOWN_ERROR)}::jsonb
      where ${messages.status} = 'sending'
        and ${messages.createdAt} < now() - make_interval(secs => ${olderThanMs / 1000})
      returning ${messages.tenantId} as tenant_id, ${messages.id} as id, ${messages.source} as source,
        ${messages.senderUsername} as sender_username
    ),
    audited as (
      -- The send's one audit entry, as its outcome will never be written with it (a later write
      -- of the real outcome adds none: messages.writes.ts). Who sent it is known by name only.
      insert into ${auditLog} (tenant_id, actor_user_id, action, target_type, target_id, details)
      select tenant_id, null, 'message.sent', 'message', id::text,
        jsonb_build_object('messageId', id, 'source', source, 'outcome', 'unknown',
          'sender', sender_username)
      from stale where source in ('push_api', 'composer')
      returning id
    ),
    recipients as (
      update ${messageRecipients} mr set outcome = 'unknown'
      from stale
      where mr.tenant_id = stale.tenant_id and mr.message_id = stale.id and mr.outcome = 'pending'
      returning mr.id
    )
    select (select count(*) from stale)::int as n, (select count(*) from recipients)::int as r`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}

/** Runs the sweep every `everyMs` (unref'd) until stopped; failures are logged and retried next time. */
export function startSweep(deps: { db: Db; log: OutcomeLog; options?: MessagesOptions }): {
  stop(): Promise<void>;
} {
  const every = deps.options?.sweepEveryMs ?? SWEEP_EVERY_MS;
  const after = deps.options?.sweepAfterMs ?? SWEEP_AFTER_MS;
  if (every <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= sweepStaleSends(deps.db, after)
      .then((n) => {
        if (n > 0) {
          deps.log.warn(
            { messages: n, olderThanMs: after },
            'messages left sending by a stopped process marked unknown',
          );
        }
      })
      .catch((err: unknown) =>
        deps.log.warn({ err: errText(err) }, 'sweep of stale sending messages failed; will retry'),
      )
      .finally(() => {
        running = null;
      });
  }, every);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Asynchronous outcomes (issue 19): a provider whose `capabilities.messaging.outcome` is `async`
 * (DingTalk) accepts a send with a task id and tells per member later. The send leaves those
 * recipients `pending` with the task id as their msgid; this poll asks the provider
 * (`messaging.outcome(taskId)`) and records delivered / read / failed / throttled as they come,
 * and once the provider says `done`, anyone it did not name as `unknown`. A message whose outcome
 * did not arrive within `outcomeGiveUpMs` is resolved the same way without asking again.
 * Idempotent: two processes polling the same message write the same rows.
 */
export interface OutcomePollOptions {
  /** How often this process polls; 0 turns it off (the default when no connector is async). */
  outcomePollEveryMs?: number;
  /** After this age a message's remaining pending recipients become `unknown`. */
  outcomeGiveUpMs?: number;
  /** Messages asked about per pass. */
  outcomePollBatch?: number;
}

export const OUTCOME_POLL_EVERY_MS = 30_000;
/** DingTalk keeps a task's result for a day or so; past that nobody can tell. */
export const OUTCOME_GIVE_UP_MS = 24 * 60 * 60_000;

export interface AwaitingMessage {
  tenantId: number;
  id: number;
  thirdType: string;
  /** The task ids still awaiting an outcome (those with pending recipients). */
  msgIds: string[];
  expired: boolean;
}

/** Messages of the given connectors with recipients still pending on a task id (all tenants). */
export async function awaitingOutcomes(
  db: Db,
  thirdTypes: string[],
  opts: { giveUpMs: number; limit: number },
): Promise<AwaitingMessage[]> {
  if (thirdTypes.length === 0) return [];
  const result = await db.execute(sql`
    select m.tenant_id, m.id, m.third_type,
      m.created_at < now() - make_interval(secs => ${opts.giveUpMs / 1000}) as expired,
      array(select distinct mr.msg_id from ${messageRecipients} mr
            where mr.tenant_id = m.tenant_id and mr.message_id = m.id
              and mr.outcome = 'pending' and mr.msg_id is not null) as msg_ids
    from ${messages} m
    where m.third_type = any(${sql.param(thirdTypes)}::text[])
      and m.status in ('sent', 'partial')
      and exists (select 1 from ${messageRecipients} p
                  where p.tenant_id = m.tenant_id and p.message_id = m.id
                    and p.outcome = 'pending' and p.msg_id is not null)
    order by m.id
    limit ${opts.limit}`);
  return rowsOf<{
    tenant_id: number;
    id: number;
    third_type: string;
    expired: boolean;
    msg_ids: string[] | string;
  }>(result).map((r) => ({
    tenantId: r.tenant_id,
    id: r.id,
    thirdType: r.third_type,
    expired: r.expired,
    msgIds: pgArray(r.msg_ids),
  }));
}

/** A text[] as the driver returns it: an array, or PostgreSQL's `{a,b}` text. */
function pgArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}

/**
 * Records one task's outcome for its recipients (external ids compared lower-cased): each named
 * member's outcome, and with `done` (or `expired`) every one still pending becomes `unknown`.
 * A `sent` message with any recipient failed, throttled or unknown becomes `partial`.
 */
export async function recordTaskOutcome(
  db: Db,
  at: { tenantId: number; messageId: number; msgId: string },
  outcome: SendOutcome | 'expired',
): Promise<void> {
  const named: { ext: string; outcome: RecipientOutcome }[] = [];
  if (outcome !== 'expired') {
    // Later kinds win for a member named twice: read over delivered, refusals over both.
    const seen = new Map<string, RecipientOutcome>();
    for (const u of outcome.delivered) seen.set(u.toLowerCase(), 'delivered');
    for (const u of outcome.read) seen.set(u.toLowerCase(), 'read');
    for (const f of outcome.failed) seen.set(f.userId.toLowerCase(), 'failed');
    for (const u of outcome.throttled ?? []) seen.set(u.toLowerCase(), 'throttled');
    for (const [ext, o] of seen) named.push({ ext, outcome: o });
  }
  const finished = outcome === 'expired' || outcome.done;
  const exts = named.map((n) => n.ext);
  const outs = named.map((n) => n.outcome);
  await db.execute(sql`
    with named as (
      select * from unnest(${sql.param(exts)}::text[], ${sql.param(outs)}::text[]) as n(ext, outcome)
    ),
    upd as (
      update ${messageRecipients} mr
      set outcome = coalesce(n.outcome, case when ${finished} then 'unknown' else mr.outcome end)
      from ${messageRecipients} cur
      left join named n on n.ext = cur.ext_user_id
      where cur.id = mr.id
        and mr.tenant_id = ${at.tenantId} and mr.message_id = ${at.messageId}
        and mr.msg_id = ${at.msgId}
        and (mr.outcome = 'pending' or (mr.outcome = 'delivered' and n.outcome is not null))
      returning mr.outcome
    )
    update ${messages} set status = 'partial'
    where ${messages.tenantId} = ${at.tenantId} and ${messages.id} = ${at.messageId}
      and ${messages.status} = 'sent'
      and exists (select 1 from upd where upd.outcome in ('failed', 'throttled', 'unknown'))`);
}

/** One pass: asks the provider about every awaiting task and records what it says. */
export async function pollOutcomesOnce(deps: {
  db: Db;
  thirdTypes: string[];
  messaging: (tenantId: number, thirdType: string) => Promise<Pick<NeutralMessaging, 'outcome'>>;
  log: OutcomeLog;
  options?: OutcomePollOptions;
}): Promise<{ messages: number; done: number }> {
  const waiting = await awaitingOutcomes(deps.db, deps.thirdTypes, {
    giveUpMs: deps.options?.outcomeGiveUpMs ?? OUTCOME_GIVE_UP_MS,
    limit: deps.options?.outcomePollBatch ?? 100,
  });
  let done = 0;
  for (const m of waiting) {
    try {
      const messaging = m.expired ? null : await deps.messaging(m.tenantId, m.thirdType);
      for (const msgId of m.msgIds) {
        const at = { tenantId: m.tenantId, messageId: m.id, msgId };
        if (!messaging?.outcome) {
          await recordTaskOutcome(deps.db, at, 'expired');
          done++;
          continue;
        }
        const outcome = await messaging.outcome(msgId);
        await recordTaskOutcome(deps.db, at, outcome);
        if (outcome.done) done++;
        for (const f of outcome.failed) {
          deps.log.warn(
            { tenantId: m.tenantId, messageId: m.id, msgId, userId: f.userId, reason: f.reason },
            'provider could not deliver a message to a member',
          );
        }
      }
    } catch (err) {
      deps.log.warn(
        { tenantId: m.tenantId, messageId: m.id, err: errText(err) },
        'asking the provider for a message outcome failed; will retry',
      );
    }
  }
  return { messages: waiting.length, done };
}

/** Polls every `outcomePollEveryMs` (unref'd) until stopped; off when no connector is async. */
export function startOutcomePoll(deps: Parameters<typeof pollOutcomesOnce>[0]): {
  stop(): Promise<void>;
  pollNow(): Promise<{ messages: number; done: number }>;
} {
  const every = deps.options?.outcomePollEveryMs ?? OUTCOME_POLL_EVERY_MS;
  let running: Promise<{ messages: number; done: number }> | null = null;
  const pollNow = () =>
    (running ??= pollOutcomesOnce(deps).finally(() => {
      running = null;
    }));
  if (every <= 0 || deps.thirdTypes.length === 0) {
    return { stop: async () => {}, pollNow };
  }
  const timer = setInterval(() => {
    pollNow().catch((err: unknown) =>
      deps.log.warn({ err: errText(err) }, 'message outcome poll failed; will retry'),
    );
  }, every);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running?.catch(() => {});
    },
    pollNow,
  };
}
