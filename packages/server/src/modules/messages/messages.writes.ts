import { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { messageRecipients, messages, type RecipientOutcome } from '../../db/schema';
import { rowsOf } from '../../lib/sql';
import type { MessageRow, NewMessage, RecipientDraft, ResolvedUser } from './messages.repo';

/** WeCom's per-app, per-member limits (reference §5.1); excess is dropped silently by WeCom. */
export const MEMBER_LIMITS = { perMinute: 30, perHour: 1000 } as const;

const textArray = (values: (string | null)[]) => sql`${sql.param(values)}::text[]`;

/**
 * Logs the message and its recipients in one statement whatever the number of recipients (the
 * send path's hot spot; no per-row queries). Bound recipients become `pending`
 * unless they reached the per-member limit (`throttled`). On PostgreSQL a transaction-scoped
 * advisory lock per tenant, taken in its own statement so the count sees every send committed
 * before it, makes count-then-insert safe across processes sharing the database.
 */
export async function insertMessage(
  db: Db,
  tenantId: number,
  message: NewMessage,
  drafts: ResolvedUser[],
): Promise<{ messageId: number; createdAt: Date; recipients: RecipientDraft[] }> {
  const bound = drafts.filter((d) => d.extUserId).map((d) => d.extUserId!);
  const m = message;
  const statement = sql`
      with m as (
        insert into ${messages} (tenant_id, third_type, source, sender_user_id, sender_username,
          msgtype, content, target, status)
        values (${tenantId}, ${m.thirdType}, ${m.source}, ${m.senderUserId}, ${m.senderUsername},
          ${m.msgtype}, ${JSON.stringify(m.content)}::jsonb, ${JSON.stringify(m.target)}::jsonb,
          ${m.status})
        returning id, created_at
      ),
      at_limit as (
        select ext_user_id from ${messageRecipients}
        where tenant_id = ${tenantId}
          and ext_user_id = any(${textArray(bound)})
          and outcome in ('pending', 'delivered')
          and created_at > now() - interval '1 hour'
        group by ext_user_id
        having count(*) filter (where created_at > now() - interval '1 minute') >= ${MEMBER_LIMITS.perMinute}
          or count(*) >= ${MEMBER_LIMITS.perHour}
      ),
      r as (
        select * from unnest(${textArray(drafts.map((d) => d.username))},
          ${sql.param(drafts.map((d) => d.userId))}::int[],
          ${textArray(drafts.map((d) => d.extUserId))}) with ordinality as r(username, user_id, ext_user_id, ord)
      ),
      ins as (
        insert into ${messageRecipients} (tenant_id, message_id, username, user_id, ext_user_id, outcome)
        select ${tenantId}, m.id, r.username, r.user_id, r.ext_user_id,
          case when r.ext_user_id is null then 'unbound'
               when r.ext_user_id in (select ext_user_id from at_limit) then 'throttled'
               else 'pending' end
        from m, r order by r.ord
        returning ext_user_id, outcome
      )
      select m.id, m.created_at,
        (select coalesce(array_agg(ext_user_id), '{}') from ins where outcome = 'throttled') as throttled
      from m`;
  // The embedded database runs one statement at a time in this process, so the statement alone
  // is atomic against every other send: no transaction, no lock (3 fewer round trips).
  const result = isEmbedded(db)
    ? await db.execute(statement)
    : await db.transaction(async (tx) => {
        if (bound.length > 0) {
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtextextended(${`messages-throttle:${tenantId}`}, 0))`,
          );
        }
        return tx.execute(statement);
      });
  const row = rowsOf<{ id: number; created_at: string | Date; throttled: string[] }>(result)[0]!;
  const throttled = new Set(row.throttled);
  const recipients: RecipientDraft[] = drafts.map((d) => ({
    ...d,
    outcome: !d.extUserId ? 'unbound' : throttled.has(d.extUserId) ? 'throttled' : 'pending',
  }));
  return { messageId: row.id, createdAt: new Date(row.created_at), recipients };
}

/** PGlite: one in-process database that executes statements one after another. */
function isEmbedded(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite;
}

export type FinishPatch = Partial<Pick<MessageRow, 'status' | 'msgIds' | 'error' | 'departments'>>;
export interface FinishBatch {
  extUserIds: string[];
  msgId: string | null;
  invalid: string[];
}

/**
 * Records the provider's answer in one statement: the message's status and every pending
 * recipient's outcome (invalid / delivered / failed) with the msgid of its batch.
 */
export async function finishMessage(
  db: Db,
  tenantId: number,
  messageId: number,
  patch: FinishPatch,
  batches: FinishBatch[],
): Promise<void> {
  const json = (v: unknown) => sql`${v === null ? null : JSON.stringify(v)}::jsonb`;
  const sets: SQL[] = [sql`finished_at = now()`];
  if (patch.status !== undefined) sets.push(sql`status = ${patch.status}`);
  if (patch.msgIds !== undefined) sets.push(sql`msg_ids = ${textArray(patch.msgIds)}`);
  if (patch.error !== undefined) sets.push(sql`error = ${json(patch.error)}`);
  if (patch.departments !== undefined) sets.push(sql`departments = ${json(patch.departments)}`);
  const update = sql`update ${messages} set ${sql.join(sets, sql`, `)}
    where tenant_id = ${tenantId} and id = ${messageId}`;
  const exts: string[] = [];
  const msgIds: (string | null)[] = [];
  const invalid: boolean[] = [];
  for (const b of batches) {
    const refused = new Set(b.invalid);
    for (const ext of b.extUserIds) {
      exts.push(ext);
      msgIds.push(b.msgId);
      invalid.push(refused.has(ext));
    }
  }
  if (exts.length === 0) {
    await db.execute(update);
    return;
  }
  const outcome = (o: RecipientOutcome) => sql.raw(`'${o}'`);
  await db.execute(sql`
    with m as (${update} returning id)
    update ${messageRecipients} as mr
    set outcome = case when v.invalid then ${outcome('invalid')}
                       when v.msg_id is null then ${outcome('failed')}
                       else ${outcome('delivered')} end,
        msg_id = v.msg_id
    from m, unnest(${textArray(exts)}, ${textArray(msgIds)}, ${sql.param(invalid)}::boolean[])
      as v(ext_user_id, msg_id, invalid)
    where mr.tenant_id = ${tenantId} and mr.message_id = m.id and mr.outcome = 'pending'
      and mr.ext_user_id = v.ext_user_id`);
}
