import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { syncExclusions, type ThirdType } from '../../db/schema';
import { textArray } from './sql-arrays';
import { idKey } from './normalise';

/** 排除 markers (db/schema third-apps.ts); tenant id first in every statement. */
export function createSyncExclusionsRepo(db: Db) {
  return {
    /** Stores the admin's 排除 decisions and lifts the ones taken back, in the caller's transaction. */
    async write(
      tenantId: number,
      scope: { thirdType: ThirdType; corpId: string },
      change: { add: { extUserId: string; extName: string }[]; remove: string[] },
      createdBy: number | null,
    ): Promise<void> {
      if (change.remove.length > 0) {
        await db.execute(sql`delete from ${syncExclusions}
          where tenant_id = ${tenantId} and third_type = ${scope.thirdType} and corp_id = ${scope.corpId}
            and lower(ext_user_id) in (select unnest(${textArray(change.remove.map(idKey))}))`);
      }
      if (change.add.length > 0) {
        await db.execute(sql`insert into ${syncExclusions}
            (tenant_id, third_type, corp_id, ext_user_id, ext_name, created_by)
          select ${tenantId}, ${scope.thirdType}, ${scope.corpId}, x.id, x.name, ${createdBy}
          from unnest(${textArray(change.add.map((a) => a.extUserId))}, ${textArray(change.add.map((a) => a.extName))}) as x(id, name)
          on conflict (tenant_id, third_type, corp_id, lower(ext_user_id)) do nothing`);
      }
    },
  };
}
