import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  auditLog,
  memberships,
  messageRecipients,
  messages,
  thirdAccounts,
  users,
  MEMBERSHIP_STATUS,
  type RecipientOutcome,
} from '../../db/schema';
import { executeHot, isDatabase, isPglite } from '../../db/prepared';
import { rowsOf } from '../../lib/sql';
import type { MessageRow, NewMessage, RecipientDraft } from './messages.repo';

/**
 * The send path's statements, each written for a whole batch of concurrent sends (see
 * lib/batcher.ts): a busy server logs a dozen messages with the statements one would need.
 * Rows travel as parallel arrays unnested in SQL, whatever their number.
 */

/**
 * The per-member limits a log item is counted against when it names none: WeCom's per-app limits
 * (reference §5.1, WeCom drops the excess silently), which every send had before issue 19. The
 * send path passes its connector's (`capabilities.messaging.perMemberLimit`).
 */
export const MEMBER_LIMITS = { perMinute: 30, perHour: 1000 } as const;

/** Limits the log counts itself (a minute and an hour); null or absent = none. */
export interface CountedLimits {
  perMinute?: number | null;
  perHour?: number | null;
}

const ints = (values: (number | null)[]) => sql`${sql.param(values)}::int[]`;
const texts = (values: (string | null)[]) => sql`${sql.param(values)}::text[]`;

export interface LogItem {
  tenantId: number;
  /** Receivers resolve through this corp's bindings. */
  corpId: string;
  message: NewMessage;
  /** Usernames as given (trimmed, de-duplicated); matched without regard to case. */
  usernames: string[];
  /** The connector's per-member limits the log enforces; absent = MEMBER_LIMITS. */
  limits?: CountedLimits;
}

export interface Logged {
  messageId: number;
  createdAt: Date;
  recipients: RecipientDraft[];
}

/**
 * Each bound receiver's messages in the last minute and hour, as the log already holds them: the
 * embedded database's count. It is the query of drizzle/0012_member_counts.sql without the lock;
 * on PGlite, calling that function instead cost ~10 % more CPU per send (1.03 against 0.91–0.96
 * ms), so the two are kept; `member-counts.agree.test.ts` proves they count alike on random logs.
 * It reads the receivers from a CTE named `r` (tenant_id, ext_user_id).
 */
export const inlineCounts = sql`
      select k.tenant_id, k.ext_user_id, c.per_minute, c.per_hour
      from (select distinct tenant_id, ext_user_id from r where ext_user_id is not null) k
      cross join lateral (
        select count(*) filter (where mr.created_at > now() - interval '1 minute') as per_minute,
          count(*) as per_hour
        from ${messageRecipients} mr
        where mr.tenant_id = k.tenant_id and mr.ext_user_id = k.ext_user_id
          and mr.created_at > now() - interval '1 hour' and mr.outcome in ('pending', 'delivered')
      ) c`;

/**
 * The same counts on PostgreSQL, after taking the tenants' advisory locks, with a snapshot taken
 * once the locks are held (drizzle/0012_member_counts.sql).
 */
function lockedCounts(items: LogItem[]): SQL {
  const tenants = [...new Set(items.filter((it) => it.usernames.length).map((it) => it.tenantId))];
  return sql`
      select c.tenant_id, c.ext_user_id, c.per_minute, c.per_hour
      from (select array_agg(tenant_id) as tenant_ids, array_agg(ext_user_id) as ext_user_ids
            from (select distinct tenant_id, ext_user_id from r where ext_user_id is not null) d
           ) k
      cross join lateral orgbridge_member_counts(coalesce(k.tenant_ids, '{}'),
        coalesce(k.ext_user_ids, '{}'), ${ints(tenants)}) c`;
}

/** The log part as CTEs (ending with the inserts) and the select that answers it (see journal). */
function logParts(items: LogItem[], locked: boolean): { ctes: SQL; select: SQL } {
  const m = items.map((it) => it.message);
  const limits = items.map((it) => it.limits ?? MEMBER_LIMITS);
  const wanted = items.flatMap((it, ord) =>
    it.usernames.map((username, idx) => ({ ord, idx, username })),
  );
  const ctes = sql`
    input as (
      select * from unnest(${ints(items.map((_, ord) => ord))}, ${ints(items.map((it) => it.tenantId))},
        ${texts(m.map((x) => x.thirdType))}, ${texts(items.map((it) => it.corpId))},
        ${texts(m.map((x) => x.source))}, ${ints(m.map((x) => x.senderUserId))},
        ${texts(m.map((x) => x.senderUsername))}, ${texts(m.map((x) => x.msgtype))},
        ${texts(m.map((x) => JSON.stringify(x.content)))},
        ${texts(m.map((x) => JSON.stringify(x.target)))}, ${texts(m.map((x) => x.status))},
        ${ints(limits.map((l) => l.perMinute ?? null))}, ${ints(limits.map((l) => l.perHour ?? null))})
        as x(ord, tenant_id, third_type, corp_id, source, sender_user_id, sender_username,
          msgtype, content, target, status, limit_minute, limit_hour)
    ),
    ids as (
      select ord, nextval(pg_get_serial_sequence('messages', 'id'))::int as id from input
    ),
    m as (
      insert into ${messages} (id, tenant_id, third_type, source, sender_user_id,
        sender_username, msgtype, content, target, status)
      select ids.id, i.tenant_id, i.third_type, i.source, i.sender_user_id, i.sender_username,
        i.msgtype, i.content::jsonb, i.target::jsonb, i.status
      from input i join ids using (ord)
      returning id, created_at
    ),
    wanted as (
      select * from unnest(${ints(wanted.map((w) => w.ord))}, ${ints(wanted.map((w) => w.idx))},
        ${texts(wanted.map((w) => w.username))}) as w(ord, idx, username)
    ),
    named as materialized (
      select u.id, lower(u.username) as name from ${users} u
      where lower(u.username) = any(${texts([...new Set(wanted.map((w) => w.username.toLowerCase()))])})
    ),
    found as materialized (
      select w.ord, w.idx, n.id as user_id,
        (select lower(t.ext_user_id) from ${thirdAccounts} t
          where t.tenant_id = i.tenant_id and t.third_type = i.third_type
            and t.user_id = n.id and t.corp_id = i.corp_id and t.active) as ext_user_id
      from wanted w
      join input i using (ord)
      join named n on n.name = lower(w.username)
      where (select ms.status from ${memberships} ms
              where ms.tenant_id = i.tenant_id and ms.user_id = n.id and not ms.frozen)
            = ${MEMBERSHIP_STATUS.normal}
    ),
    r as (
      select w.ord, w.idx, i.tenant_id, ids.id as message_id, w.username, f.user_id,
        f.ext_user_id, i.limit_minute, i.limit_hour
      from wanted w
      join input i using (ord)
      join ids using (ord)
      left join found f using (ord, idx)
    ),
    prior as (${locked ? lockedCounts(items) : inlineCounts}),
    decided as (
      select r.*,
        case when r.ext_user_id is null then 'unbound'
             when coalesce(p.per_minute, 0) + row_number() over w > r.limit_minute
               or coalesce(p.per_hour, 0) + row_number() over w > r.limit_hour
             then 'throttled'
             else 'pending' end as outcome
      from r
      left join prior p on p.tenant_id = r.tenant_id and p.ext_user_id = r.ext_user_id
      window w as (partition by r.tenant_id, r.ext_user_id order by r.ord, r.idx)
    ),
    ins as (
      insert into ${messageRecipients} (tenant_id, message_id, username, user_id, ext_user_id,
        outcome)
      select tenant_id, message_id, username, user_id, ext_user_id, outcome
      from decided order by ord, idx
    )`;
  const select = sql`
    select ids.ord, ids.id, m.created_at, d.idx, d.user_id, d.ext_user_id, d.outcome
    from ids join m on m.id = ids.id
    left join decided d on d.ord = ids.ord
    order by ids.ord, d.idx`;
  return { ctes, select };
}

/** Regroups the log select's rows: one per recipient, in order (a null idx: no users). */
function loggedOf(items: LogItem[], result: unknown): Logged[] {
  const rows = rowsOf<{
    ord: number;
    id: number;
    created_at: string | Date;
    idx: number | null;
    user_id: number | null;
    ext_user_id: string | null;
    outcome: RecipientOutcome | null;
  }>(result);
  const logged: Logged[] = [];
  for (const row of rows) {
    let entry = logged[row.ord];
    if (!entry) {
      if (row.ord !== logged.length) throw new Error('message log rows came back out of order');
      entry = logged[row.ord] = {
        messageId: row.id,
        createdAt: new Date(row.created_at),
        recipients: [],
      };
    }
    if (row.idx === null) continue;
    entry.recipients.push({
      username: items[row.ord]!.usernames[row.idx]!,
      userId: row.user_id,
      extUserId: row.ext_user_id,
      outcome: row.outcome!,
    });
  }
  if (logged.length !== items.length) throw new Error('message log rows came back incomplete');
  return logged;
}

export type FinishPatch = Partial<Pick<MessageRow, 'status' | 'msgIds' | 'error' | 'departments'>>;
export interface FinishBatch {
  extUserIds: string[];
  msgId: string | null;
  invalid: string[];
  /** Refused by the provider for its per-member limit (recorded `throttled`). */
  throttled?: string[];
  /** Accepted by a provider whose per-member outcome comes later: recipients stay `pending`. */
  awaiting?: boolean;
}
/** The send's one audit entry (`message.sent`), written with its first outcome. */
export interface SendAudit {
  actorUserId: number | null;
  actorApiKeyId: number | null;
  ip: string | null;
  /** Message log id, source, counts and outcome; never the body. */
  details: Record<string, unknown>;
}
export interface FinishItem {
  tenantId: number;
  messageId: number;
  patch: FinishPatch;
  batches: FinishBatch[];
  audit?: SendAudit | undefined;
}

/**
 * The finish part as CTEs (finish_v, finish_m, finish_r): records the provider's answers, each
 * message's status, msgids, error and department outcome, and every pending recipient's outcome
 * (invalid / throttled / delivered / failed, or still pending when the provider's outcome comes
 * later) with the msgid of its batch. Idempotent, so a write retried after
 * a lost answer is harmless; a recipient the sweep marked `unknown` (messages.outcomes.ts) gets its
 * real outcome too, as the message its real status.
 */
function finishParts(items: FinishItem[]): SQL {
  const patches = items.map(({ patch }) => ({
    status: patch.status ?? null,
    msg_ids: patch.msgIds ?? null,
    set_msg_ids: patch.msgIds !== undefined,
    error: patch.error ?? null,
    set_error: patch.error !== undefined,
    departments: patch.departments ?? null,
    set_departments: patch.departments !== undefined,
  }));
  const outcomes: {
    tenant_id: number;
    message_id: number;
    ext_user_id: string;
    msg_id: string | null;
    outcome: RecipientOutcome;
  }[] = [];
  for (const { tenantId, messageId, batches } of items) {
    for (const b of batches) {
      const refused = new Set(b.invalid);
      const throttled = new Set(b.throttled ?? []);
      for (const ext of b.extUserIds) {
        outcomes.push({
          tenant_id: tenantId,
          message_id: messageId,
          ext_user_id: ext,
          msg_id: b.msgId,
          outcome: refused.has(ext)
            ? 'invalid'
            : throttled.has(ext)
              ? 'throttled'
              : b.msgId === null
                ? 'failed'
                : b.awaiting
                  ? 'pending'
                  : 'delivered',
        });
      }
    }
  }
  return sql`
    finish_v as (
      select * from unnest(${ints(items.map((it) => it.tenantId))},
        ${ints(items.map((it) => it.messageId))}, ${texts(patches.map((p) => p.status))},
        ${texts(patches.map((p) => JSON.stringify(p.msg_ids)))},
        ${sql.param(patches.map((p) => p.set_msg_ids))}::boolean[],
        ${texts(patches.map((p) => JSON.stringify(p.error)))},
        ${sql.param(patches.map((p) => p.set_error))}::boolean[],
        ${texts(patches.map((p) => JSON.stringify(p.departments)))},
        ${sql.param(patches.map((p) => p.set_departments))}::boolean[])
        as v(tenant_id, id, status, msg_ids, set_msg_ids, error, set_error, departments,
          set_departments)
    ),
    finish_m as (
      update ${messages} as msg set finished_at = now(),
        status = coalesce(v.status, msg.status),
        msg_ids = case when v.set_msg_ids
                       then array(select jsonb_array_elements_text(v.msg_ids::jsonb))
                       else msg.msg_ids end,
        error = case when v.set_error then nullif(v.error::jsonb, 'null'::jsonb) else msg.error end,
        departments = case when v.set_departments then nullif(v.departments::jsonb, 'null'::jsonb)
                           else msg.departments end
      from finish_v v where msg.tenant_id = v.tenant_id and msg.id = v.id
      returning msg.id
    ),
    finish_r as (
    update ${messageRecipients} as mr
    set outcome = o.outcome, msg_id = o.msg_id
    from unnest(${ints(outcomes.map((o) => o.tenant_id))}, ${ints(outcomes.map((o) => o.message_id))},
      ${texts(outcomes.map((o) => o.ext_user_id))}, ${texts(outcomes.map((o) => o.msg_id))},
      ${texts(outcomes.map((o) => o.outcome))})
      as o(tenant_id, message_id, ext_user_id, msg_id, outcome)
    where mr.tenant_id = o.tenant_id and mr.message_id = o.message_id
      and mr.outcome in ('pending', 'unknown') and mr.ext_user_id = o.ext_user_id
      returning mr.id
    ),
    ${auditPart(items)}`;
}

/**
 * The sends' audit entries (finish_a), in the statement that stores their outcome: no round trip
 * of their own on the send path. Only for a message still `sending` before this statement (its
 * first outcome): a write retried after a lost answer, or one that comes after the sweep resolved
 * the message as `unknown` (which audited it then, see sweepStaleSends), adds none.
 */
function auditPart(items: FinishItem[]): SQL {
  const a = items.filter((it) => it.audit);
  return sql`
    finish_a as (
      insert into ${auditLog} (tenant_id, actor_user_id, actor_api_key_id, action, target_type,
        target_id, details, ip)
      select v.tenant_id, v.actor_user_id, v.actor_api_key_id, 'message.sent', 'message',
        v.message_id::text, v.details::jsonb, v.ip
      from unnest(${ints(a.map((it) => it.tenantId))}, ${ints(a.map((it) => it.messageId))},
        ${ints(a.map((it) => it.audit!.actorUserId))}, ${ints(a.map((it) => it.audit!.actorApiKeyId))},
        ${texts(a.map((it) => JSON.stringify(it.audit!.details)))}, ${texts(a.map((it) => it.audit!.ip))})
        as v(tenant_id, message_id, actor_user_id, actor_api_key_id, details, ip)
      join ${messages} prior on prior.tenant_id = v.tenant_id and prior.id = v.message_id
        and prior.status = 'sending'
      returning id
    )`;
}

/**
 * The send path's writes, one statement per round for every send waiting: the answers of the
 * sends that came back (finish) and the log of the sends that start (log).
 *
 * The log resolves each username to an active, unfrozen member of the tenant and that member's
 * active binding for the corp (correlated scalar subqueries, so each lookup stays on a unique
 * index); anyone else is `unbound`. Bound recipients become `pending` unless they reached the
 * per-member limit, counting what the log already holds plus the earlier messages of the same
 * round (`row_number` per member), so the limit also holds inside a round. Message ids are drawn
 * from the sequence first, so every row is tied to its message by position, never by the order
 * RETURNING happens to use.
 *
 * Both parts see the snapshot from before the statement: the log part still counts a recipient
 * that the finish part turns from pending into invalid or failed — one message more toward the
 * limit, never one less.
 *
 * The count and the insert must not interleave with another sender's. The embedded database has
 * one owning process and the batcher runs one round at a time, so the statement alone is enough.
 * On PostgreSQL (several processes) the count comes from `orgbridge_member_counts`, which first
 * takes a transaction-scoped advisory lock per tenant (held until the statement commits) and
 * then counts with a snapshot of its own, taken once the lock is held: one round trip and one
 * commit per round, and the statement is planned once (db/prepared.ts).
 */
export async function journal(db: Db, logs: LogItem[], finishes: FinishItem[]): Promise<Logged[]> {
  // Inside a caller's transaction the tenant locks would last as long as that transaction.
  if (!isDatabase(db)) throw new Error('the message journal needs the database itself');
  const log = logParts(logs, !isPglite(db));
  const result = await executeHot(
    db,
    sql`with ${finishParts(finishes)}, ${log.ctes} ${log.select}`,
  );
  return loggedOf(logs, result);
}
