import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { verifyFiles } from '../../db/schema';

const columns = {
  fileName: verifyFiles.fileName,
  content: verifyFiles.content,
  createdAt: verifyFiles.createdAt,
};

/** Verification files; tenant id first in every statement (the public read names its scope). */
export function createVerifyFilesRepo(db: Db) {
  return {
    async listVerifyFiles(tenantId: number) {
      return db
        .select(columns)
        .from(verifyFiles)
        .where(eq(verifyFiles.tenantId, tenantId))
        .orderBy(asc(verifyFiles.fileName));
    },

    /**
     * Inserts the file, or replaces its content when this tenant already has it; null when the
     * name belongs to another tenant (the row is left alone).
     */
    async upsertVerifyFile(
      tenantId: number,
      row: { fileName: string; content: string; createdBy: number },
    ) {
      const [saved] = await db
        .insert(verifyFiles)
        .values({ ...row, tenantId })
        .onConflictDoUpdate({
          target: verifyFiles.fileName,
          set: { content: row.content, createdBy: row.createdBy, createdAt: sql`now()` },
          setWhere: eq(verifyFiles.tenantId, tenantId),
        })
        .returning(columns);
      return saved ?? null;
    },

    async deleteVerifyFile(tenantId: number, fileName: string): Promise<boolean> {
      const rows = await db
        .delete(verifyFiles)
        .where(and(eq(verifyFiles.tenantId, tenantId), eq(verifyFiles.fileName, fileName)))
        .returning({ fileName: verifyFiles.fileName });
      return rows.length > 0;
    },

    /** The public read: on a tenant's host only its files (`tenantId`), else any tenant's. */
    async findServedFile(fileName: string, tenantId: number | null) {
      const byName = eq(verifyFiles.fileName, fileName);
      const [row] = await db
        .select({ content: verifyFiles.content })
        .from(verifyFiles)
        .where(tenantId === null ? byName : and(eq(verifyFiles.tenantId, tenantId), byName))
        .limit(1);
      return row ?? null;
    },
  };
}
