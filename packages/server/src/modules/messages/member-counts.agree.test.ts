import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { rowsOf } from '../../lib/sql';
import { openTestDatabase } from '../../../test/test-db';
import { inlineCounts } from './messages.writes';

/**
 * The per-member limit is counted by two copies of one query: inline on the embedded database,
 * and by `orgbridge_member_counts` (drizzle/0012) on PostgreSQL. They must agree on any log.
 */
describe('the two copies of the per-member count', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  /** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  type Count = { tenant_id: number; ext_user_id: string; per_minute: number; per_hour: number };
  const norm = (rows: Count[]) =>
    rows
      .map((r) => ({ ...r, per_minute: Number(r.per_minute), per_hour: Number(r.per_hour) }))
      .sort((a, b) => a.tenant_id - b.tenant_id || a.ext_user_id.localeCompare(b.ext_user_id));

  it.each([1, 2, 3])('agree on a random message log (seed %i)', async (seed) => {
    const rnd = random(seed);
    const db = database.db;
    const tenants = [0, 0, 0];
    for (let t = 0; t < 3; t++) {
      const rows = rowsOf<{ id: number }>(
        await db.execute(
          sql`insert into tenants (name, house_number) values (${`counts ${seed}-${t}`}, ${`H${seed}${t}${Date.now() % 100000}`}) returning id`,
        ),
      );
      tenants[t] = rows[0]!.id;
    }
    const users = Array.from({ length: 12 }, (_, i) => `u${i}`);
    const outcomes = ['pending', 'delivered', 'invalid', 'throttled', 'failed', 'unbound'];
    for (const tenantId of tenants) {
      const msg = rowsOf<{ id: number }>(
        await db.execute(sql`
          insert into messages (tenant_id, third_type, source, sender_user_id, sender_username,
            msgtype, content, target, status)
          values (${tenantId}, 'wechat_enterprise', 'push_api', 1, 'admin', 'text', '{}'::jsonb,
            '{}'::jsonb, 'sent') returning id`),
      )[0]!.id;
      const values = Array.from({ length: 300 }, () => {
        // Around the edges that matter: the last minute, the last hour, older.
        const ageS = Math.floor(rnd() * 5000) - 30;
        const user = rnd() < 0.1 ? null : users[Math.floor(rnd() * users.length)]!;
        const outcome = outcomes[Math.floor(rnd() * outcomes.length)]!;
        return sql`(${tenantId}, ${msg}, ${user ?? 'someone'}, ${user}, ${outcome}, now() - make_interval(secs => ${ageS}))`;
      });
      await db.execute(sql`
        insert into message_recipients (tenant_id, message_id, username, ext_user_id, outcome, created_at)
        values ${sql.join(values, sql`, `)}`);
    }
    // Who is asked about: known and unknown members, the same member in several tenants.
    const asked = tenants.flatMap((t) => [...users, 'nobody'].map((u) => ({ t, u })));
    const tenantIds = asked.map((a) => a.t);
    const extUserIds = asked.map((a) => a.u);
    const inline = rowsOf<Count>(
      await db.execute(sql`
        with r as (select * from unnest(${sql.param(tenantIds)}::int[], ${sql.param(extUserIds)}::text[])
                     as r(tenant_id, ext_user_id))
        ${inlineCounts}`),
    );
    const fn = rowsOf<Count>(
      await db.execute(sql`
        select * from orgbridge_member_counts(${sql.param(tenantIds)}::int[],
          ${sql.param(extUserIds)}::text[], '{}'::int[])`),
    );
    expect(norm(inline)).toEqual(norm(fn));
    // And the data was not trivial: some members are near a limit, some at zero.
    expect(norm(inline).some((r) => r.per_minute > 0)).toBe(true);
    expect(norm(inline).some((r) => r.per_hour === 0)).toBe(true);
  });
});
