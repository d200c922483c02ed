import { withWeComTenant } from '@orgbridge/test-world';
import type { Simulator } from '@orgbridge/wecom-sim';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';
import { departments, memberships, thirdAccounts, users } from '../../src/db/schema';
import type { TestApp } from '../build-test-app';
import { uniq } from './index';

/**
 * A tenant with an admin and a WeCom config pointing at `sim`, made through the API.
 * @deprecated the shared test world's `withWeComTenant(t, sim)` (`@orgbridge/test-world`).
 */
export const wecomTenant = (t: TestApp, sim: Simulator) => withWeComTenant(t, sim);

/** Userids of simulated members who can receive messages (active, in the visible range). */
export function activeSimUserIds(sim: Simulator): string[] {
  return sim.admin
    .listUsers()
    .filter((u) => u.status === 1)
    .map((u) => u.userid);
}

/**
 * Many bound members at once, written directly (what sync would create), for suites that need
 * more receivers than creating accounts one by one through the API allows. No password: these
 * accounts only receive messages.
 */
export async function arrangeBoundMembers(
  db: Db,
  b: { tenantId: number; corpId: string; extUserIds: string[] },
): Promise<string[]> {
  const prefix = uniq('bulk');
  const rows = b.extUserIds.map((ext, i) => ({
    username: `${prefix}_${i}`,
    realname: `Bulk ${ext}`,
  }));
  const inserted = await db
    .insert(users)
    .values(rows)
    .returning({ id: users.id, username: users.username });
  await db
    .insert(memberships)
    .values(inserted.map((u) => ({ tenantId: b.tenantId, userId: u.id, status: 1 })));
  await db.insert(thirdAccounts).values(
    inserted.map((u, i) => ({
      tenantId: b.tenantId,
      thirdType: 'wechat_enterprise' as const,
      corpId: b.corpId,
      extUserId: b.extUserIds[i]!,
      userId: u.id,
      extName: b.extUserIds[i]!,
    })),
  );
  return inserted.map((u) => u.username);
}

/** Marks a local department as mirrored from WeCom department `extId` (as sync would). */
export async function mirrorDepartment(db: Db, departmentId: number, extId: string) {
  await db
    .update(departments)
    .set({ extSource: 'wecom', extId })
    .where(eq(departments.id, departmentId));
}

/** Moves a logged message back in time (the recall window is 24 h). */
export async function ageMessage(db: Db, messageId: number, hours: number) {
  await db.execute(
    sql`update messages set created_at = now() - make_interval(hours => ${hours}) where id = ${messageId}`,
  );
}
