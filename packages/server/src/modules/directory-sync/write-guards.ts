/**
 * What a sync re-checks inside its writing transactions (PRODUCT.md §7): the plan was computed
 * from a state read before WeCom answered, and the accounts and admins it names may have changed
 * since. These checks run under locks, so the decision holds until the chunk commits.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { createTrustPolicy } from '../policy/trust';
import { assertNotLastAdmin } from '../tenants/last-admin';
import { createMemberships } from '../tenants/tenants.memberships';
import { downgrade, type MemberOp, type WriteStanding } from './member-ops';
import { intArray } from './sql-arrays';

/**
 * Locks the accounts the ops write (`for share`, in id order) and re-reads their standing, then
 * downgrades every op the trust model no longer allows (member-ops.ts `downgrade`). Approving a
 * membership takes `for update` on the account row first, so it either committed before the lock
 * (and is seen here: the standing is read by a statement that starts after the lock is granted)
 * or waits until this chunk commits.
 */
export async function recheckOwnership(
  tx: Db,
  tenantId: number,
  ops: MemberOp[],
): Promise<MemberOp[]> {
  const ids = [
    ...new Set(
      ops.filter((o) => o.kind !== 'create' && o.userId !== null).map((o) => o.userId as number),
    ),
  ].sort((a, b) => a - b);
  if (ids.length === 0) return ops;
  await tx.execute(
    sql`select id from users where id = any(${intArray(ids)}) order by id for share`,
  );
  const now: Map<number, WriteStanding> = await createTrustPolicy(tx).standings(tenantId, ids);
  return ops
    .map((o) => (o.userId === null ? o : downgrade(o, now.get(o.userId))))
    .filter((o): o is MemberOp => o !== null);
}

/**
 * Ends or freezes memberships one administrator at a time, never the tenant's last active one
 * (tenants/last-admin.ts, which locks the tenant's active admin rows): `end(userId)` writes the
 * change for one admin, so the next check sees it. Answers the admins kept; members who are not
 * active admins are left to the caller's batch write.
 */
export async function keepLastAdmin(
  tx: Db,
  tenantId: number,
  userIds: number[],
  end: (userId: number) => Promise<void>,
): Promise<Set<number>> {
  const kept = new Set<number>();
  if (userIds.length === 0) return kept;
  const admins = new Set(await createMemberships(tx).lockActiveAdmins(tenantId));
  for (const userId of userIds.filter((id) => admins.has(id))) {
    try {
      await assertNotLastAdmin(tx, tenantId, userId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'members.last_admin') {
        kept.add(userId);
        continue;
      }
      throw err;
    }
    await end(userId);
  }
  return kept;
}
