import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '../../src/db/schema';
import { rowsOf } from '../../src/lib/sql';
import { buildTestApp, type TestApp } from '../build-test-app';
import type { TestTenant, TestUser } from '../factories';
import { usePostgres } from '../test-db';

/**
 * Approving a member can turn an account the sync of another tenant owns into a shared one
 * (PRODUCT.md §7). A sync chunk locks the accounts it writes `for share` and re-reads their
 * ownership under that lock; approval takes the account's row `for update` before it activates
 * the membership, so the two serialise: a chunk that holds the lock finishes before the approval
 * lands, and a chunk that starts after it sees the account as shared. Without the approval's
 * lock, the membership became active under a chunk that had just found the account "own".
 *
 * PostgreSQL only: PGlite runs one transaction at a time, so nothing can hold a lock there while
 * another request runs.
 */
describe.runIf(usePostgres())('approval waits for a sync chunk holding the account', () => {
  let t: TestApp;
  let home: TestTenant;
  let other: TestTenant;
  let person: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    home = await t.factories.tenant();
    other = await t.factories.tenant();
    person = await t.factories.user(home.id);
    const join = await t.call(
      'POST',
      '/sys/tenant/join',
      { houseNumber: other.houseNumber },
      { token: person.token },
    );
    expect(join.status, join.body.message).toBe(200);
  });
  afterAll(() => t?.close());

  const statusIn = async (tenantId: number) =>
    (
      await t.db
        .select({ status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, person.id)))
    )[0]!.status;

  it('POST /sys/tenant/members/approve blocks while the account is locked for share, then activates', async () => {
    let approved: Promise<{ status: number; message: string }> | undefined;
    let settledWhileLocked = false;
    await t.db.transaction(async (tx) => {
      // What home's sync chunk does before it writes the account: lock it, re-read ownership.
      await tx.execute(sql`select id from users where id = ${person.id} for share`);
      approved = t
        .call(
          'POST',
          '/sys/tenant/members/approve',
          { userId: person.id },
          { token: t.adminToken, tenantId: other.id },
        )
        .then((r) => ({ status: r.status, message: r.body.message }));
      void approved.then(() => (settledWhileLocked = true));
      await new Promise((r) => setTimeout(r, 400));
      // Still pending, seen from the chunk's own transaction: the account is still home's own.
      const [row] = rowsOf<{ status: number }>(
        await tx.execute(
          sql`select status from memberships where tenant_id = ${other.id} and user_id = ${person.id}`,
        ),
      );
      expect(Number(row!.status)).toBe(3);
      expect(settledWhileLocked, 'the approval went through under the chunk’s lock').toBe(false);
    });
    const res = await approved!;
    expect(res.status, res.message).toBe(200);
    expect(await statusIn(other.id)).toBe(1);
  });
});
