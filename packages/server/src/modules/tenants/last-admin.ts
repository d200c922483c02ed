import type { Db } from '../../db/client';
import { conflict } from '../../lib/errors';
import { createTenantsRepo } from './tenants.repo';

/**
 * Keeps at least one active administrator in every tenant. Call it inside the transaction that
 * demotes, freezes or ends the membership of `userId`, before the change: it locks the tenant's
 * active admin rows, so of two admins demoting each other at once the second waits, sees the
 * first's change, and is refused — a check outside the transaction let both through.
 */
export async function assertNotLastAdmin(tx: Db, tenantId: number, userId: number): Promise<void> {
  const admins = await createTenantsRepo(tx).lockActiveAdmins(tenantId);
  if (admins.includes(userId) && admins.length <= 1) {
    throw conflict(
      'members.last_admin',
      'This is the last administrator of the tenant. Make another member an administrator first.',
    );
  }
}
