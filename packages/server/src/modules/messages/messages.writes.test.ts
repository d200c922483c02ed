import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openDatabase, type Database } from '../../db/client';
import { rowsOf } from '../../lib/sql';
import { openTestDatabase, usePostgres } from '../../../test/test-db';
import { journal, MEMBER_LIMITS, type LogItem } from './messages.writes';

const TENANT = 4321;
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.execute(sql`
    insert into tenants (id, name, house_number) values (${TENANT}, 'journal', 'JRNL01')`);
  await database.db.execute(sql`
    insert into users (username, realname)
    select 'jr_u' || g, 'member ' || g from generate_series(1, 4) g`);
  await database.db.execute(sql`
    insert into memberships (tenant_id, user_id, status)
    select ${TENANT}, id, 1 from users where username like 'jr_u%'`);
  // jr_u4 has no binding: unbound.
  await database.db.execute(sql`
    insert into third_accounts (tenant_id, third_type, corp_id, ext_user_id, user_id)
    select ${TENANT}, 'wechat_enterprise', 'wwjournal', 'Ext' || substr(username, 5), id
    from users where username in ('jr_u1', 'jr_u2', 'jr_u3')`);
});
afterAll(() => database?.close());

const log = (usernames: string[], text = 'hi'): LogItem => ({
  tenantId: TENANT,
  corpId: 'wwjournal',
  message: {
    thirdType: 'wechat_enterprise',
    source: 'push_api',
    senderUserId: 1,
    senderUsername: 'admin',
    msgtype: 'text',
    content: { msgtype: 'text', text: { content: text } },
    target: { toUsers: usernames, toDepartments: [], toAll: false },
    status: 'sending',
  },
  usernames,
});

async function recipients(messageId: number) {
  return rowsOf<{ username: string; outcome: string; msg_id: string | null }>(
    await database.db.execute(sql`
      select username, outcome, msg_id from message_recipients
      where tenant_id = ${TENANT} and message_id = ${messageId} order by id`),
  );
}

describe('journal (one statement per round)', () => {
  it('logs starting sends and records finished ones in the same statement', async () => {
    const [a, b, all] = await journal(
      database.db,
      [log(['jr_u1']), log(['jr_u1', 'jr_u4', 'nobody']), log([])],
      [],
    );
    expect(a!.recipients).toEqual([
      { username: 'jr_u1', userId: expect.any(Number), extUserId: 'ext1', outcome: 'pending' },
    ]);
    expect(b!.recipients.map((r) => [r.username, r.outcome])).toEqual([
      ['jr_u1', 'pending'],
      ['jr_u4', 'unbound'],
      ['nobody', 'unbound'],
    ]);
    expect(all!.recipients).toEqual([]);

    const [c] = await journal(
      database.db,
      [log(['jr_u2'])],
      [
        {
          tenantId: TENANT,
          messageId: a!.messageId,
          patch: { status: 'sent', msgIds: ['msg-a'], error: null },
          batches: [{ extUserIds: ['ext1'], msgId: 'msg-a', invalid: [] }],
        },
        {
          tenantId: TENANT,
          messageId: b!.messageId,
          patch: { status: 'failed', msgIds: [] },
          batches: [{ extUserIds: ['ext1'], msgId: null, invalid: ['ext1'] }],
        },
      ],
    );
    expect(c!.recipients.map((r) => r.outcome)).toEqual(['pending']);
    expect(await recipients(a!.messageId)).toEqual([
      { username: 'jr_u1', outcome: 'delivered', msg_id: 'msg-a' },
    ]);
    expect((await recipients(b!.messageId)).map((r) => r.outcome)).toEqual([
      'invalid',
      'unbound',
      'unbound',
    ]);
    const status = rowsOf<{ id: number; status: string; msg_ids: string[] }>(
      await database.db.execute(sql`
        select id, status, msg_ids from messages
        where tenant_id = ${TENANT} and id in (${a!.messageId}, ${b!.messageId}) order by id`),
    );
    expect(status.map((s) => [s.status, s.msg_ids])).toEqual([
      ['sent', ['msg-a']],
      ['failed', []],
    ]);
  });

  it('holds the per-member limit across the log and the sends of the same round', async () => {
    const earlier = Array.from({ length: MEMBER_LIMITS.perMinute - 1 }, () => log(['jr_u3']));
    const logged = await journal(database.db, earlier, []);
    expect(logged.every((l) => l.recipients[0]!.outcome === 'pending')).toBe(true);
    const [last, over] = await journal(database.db, [log(['jr_u3']), log(['JR_U3'])], []);
    expect(last!.recipients[0]!.outcome).toBe('pending');
    expect(over!.recipients[0]).toMatchObject({ username: 'JR_U3', outcome: 'throttled' });
  });

  it.runIf(usePostgres())(
    'holds the per-member limit across processes sending at once (PostgreSQL)',
    async () => {
      const url = (database.db as unknown as { $client: pg.Pool }).$client.options
        .connectionString!;
      const second = await openDatabase({ databaseUrl: url, poolSize: 4 });
      try {
        const [prior] = rowsOf<{ n: number }>(
          await database.db.execute(sql`
            select count(*)::int as n from message_recipients
            where tenant_id = ${TENANT} and username = 'jr_u2'
              and outcome in ('pending', 'delivered')`),
        );
        const room = MEMBER_LIMITS.perMinute - prior!.n;
        // Two processes, twelve rounds each at once, three messages to jr_u2 per round: 72 > 30.
        const rounds = [database, second].flatMap((d) =>
          Array.from({ length: 12 }, () =>
            journal(d.db, [log(['jr_u2']), log(['jr_u2']), log(['jr_u2'])], []),
          ),
        );
        const outcomes = (await Promise.all(rounds)).flat().map((l) => l.recipients[0]!.outcome);
        expect(outcomes.filter((o) => o === 'pending')).toHaveLength(room);
        expect(outcomes.filter((o) => o === 'throttled')).toHaveLength(outcomes.length - room);
      } finally {
        await second.close();
      }
    },
  );
});
