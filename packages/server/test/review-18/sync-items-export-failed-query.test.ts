import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { runNow } from '../../src/modules/directory-sync/sync.test-harness';
import { useAttackWorld, weComMember } from '../attacks/sync-harness';

/**
 * Review 18 (CSV exports). A sync item that failed to write keeps the error's message for the
 * admin (GET …/runs/{id}/items and now GET …/runs/{id}/items/export). Attack: make one member's
 * write fail (any database fault: a constraint, a trigger, a lost connection). The query layer
 * wraps the fault as "Failed query: <the SQL> params: <every bound value>", so the run item —
 * and the CSV file an admin mails around — carried the failed statement with the new account's
 * password hash, phone and e-mail, and the ids of every account in the statement.
 *
 * Expected: the item says what the database refused (the underlying message), never the
 * statement or its parameters.
 */
const w = useAttackWorld({ seed: 181, users: 2, departments: 1 }, { synced: true });

it('a failed member item names the database error, not the failed query and its parameters', async () => {
  await w.t.db.execute(sql`create or replace function review18_fault() returns trigger
    language plpgsql as $$ begin
      if new.username like '%gw_fault' then raise exception 'simulated write fault'; end if;
      return new;
    end $$`);
  await w.t.db.execute(sql`create trigger review18_fault before insert on users
    for each row execute function review18_fault()`);
  try {
    weComMember(w, 'gw_fault', {
      name: 'Fault Member',
      mobile: '13800001818',
      email: 'fault18@example.com',
    });
    const run = await runNow(w);
    expect(run.counts.failed).toBe(1);

    const res = await w.t.call(
      'GET',
      `/sys/thirdApp/sync/runs/${run.id}/items/export?outcome=failed`,
      undefined,
      { token: w.admin.token, tenantId: w.tenant.id },
    );
    expect(res.status).toBe(200);
    const file = (res.body as { raw: string }).raw;
    expect(file).toContain('gw_fault');
    expect(file).toContain('simulated write fault');
    for (const leaked of [
      'Failed query',
      'params:',
      'insert into',
      '13800001818',
      'fault18@example.com',
      'scrypt',
    ]) {
      expect(file, leaked).not.toContain(leaked);
    }
  } finally {
    await w.t.db.execute(sql`drop trigger if exists review18_fault on users`);
  }
});
