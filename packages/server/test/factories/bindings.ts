import type { Db } from '../../src/db/client';
import { thirdAccounts } from '../../src/db/schema';

/**
 * Arranges a WeCom binding directly, for suites that test what happens *after* sync (messages,
 * sign-in). The sync suites create bindings through the sync API instead.
 */
export async function bindMember(
  db: Db,
  b: {
    tenantId: number;
    userId: number;
    corpId: string;
    extUserId: string;
    extName?: string;
    active?: boolean;
  },
): Promise<number> {
  const [row] = await db
    .insert(thirdAccounts)
    .values({
      tenantId: b.tenantId,
      thirdType: 'wechat_enterprise',
      corpId: b.corpId,
      extUserId: b.extUserId,
      userId: b.userId,
      extName: b.extName ?? b.extUserId,
      active: b.active ?? true,
    })
    .returning({ id: thirdAccounts.id });
  return row!.id;
}
