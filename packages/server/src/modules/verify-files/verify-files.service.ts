import type { Db } from '../../db/client';
import { badRequest, conflict, notFound } from '../../lib/errors';
import type { TenantContext } from '../../lib/route';
import type { TenantHosts } from '../../lib/tenant-host';
import { createAuditRecorder } from '../audit/audit.recorder';
import { createVerifyFilesRepo } from './verify-files.repo';

/**
 * WeCom's domain verification file (可信域名校验文件): `WW_verify_` + letters/digits + `.txt`.
 * Only this family is accepted, not any `*.txt`: files are served at the root of PUBLIC_URL's
 * shared host too, and a tenant must not be able to claim names like `robots.txt` or
 * `security.txt` there. Another platform's family is added here when its connector needs it.
 */
export const VERIFY_FILE_NAME = /^WW_verify_[A-Za-z0-9]{1,64}\.txt$/;
export const MAX_CONTENT_BYTES = 1024;
/** Files per tenant: a few per connector is plenty; keeps the shared namespace from filling. */
export const MAX_FILES_PER_TENANT = 20;
// Printable text: no control characters except tab, CR and LF.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const nameInvalid = () =>
  badRequest(
    'verify_files.name_invalid',
    '文件名须是企业微信下载的校验文件名，如 WW_verify_AbC123.txt (The file name must be the WeCom verification file name, like WW_verify_AbC123.txt: WW_verify_, letters and digits, .txt).',
    { field: 'fileName' },
  );

const contentInvalid = () =>
  badRequest(
    'verify_files.content_invalid',
    `文件内容须是不超过 ${MAX_CONTENT_BYTES} 字节的非空纯文本；请上传企业微信下载的原文件 (The content must be non-empty plain text of at most ${MAX_CONTENT_BYTES} bytes: upload the file exactly as WeCom gave it).`,
    { field: 'content' },
  );

/** Domain verification files (PRODUCT.md §8), served at `/<fileName>`. */
export function createVerifyFilesService(deps: {
  db: Db;
  hosts: Pick<TenantHosts, 'tenantOfHost' | 'baseUrlOf' | 'sharedBase'>;
}) {
  const { db, hosts } = deps;
  const repo = createVerifyFilesRepo(db);

  async function view(
    tenantId: number,
    row: { fileName: string; content: string; createdAt: Date },
  ) {
    const base = await hosts.baseUrlOf(tenantId);
    const urls = [...new Set([`${base}/${row.fileName}`, `${hosts.sharedBase}/${row.fileName}`])];
    return { ...row, createdAt: row.createdAt.toISOString(), urls };
  }

  return {
    async list(ctx: TenantContext) {
      const rows = await repo.listVerifyFiles(ctx.tenantId);
      return { records: await Promise.all(rows.map((r) => view(ctx.tenantId, r))) };
    },

    async upload(ctx: TenantContext, body: { fileName: string; content: string }, ip: string) {
      if (!VERIFY_FILE_NAME.test(body.fileName)) throw nameInvalid();
      const { content } = body;
      if (!content.trim() || Buffer.byteLength(content) > MAX_CONTENT_BYTES) throw contentInvalid();
      if (CONTROL.test(content)) throw contentInvalid();
      const existing = await repo.listVerifyFiles(ctx.tenantId);
      if (
        existing.length >= MAX_FILES_PER_TENANT &&
        !existing.some((f) => f.fileName === body.fileName)
      ) {
        throw conflict(
          'verify_files.too_many',
          `本租户已有 ${MAX_FILES_PER_TENANT} 个校验文件，请先删除不再需要的 (This tenant already serves ${MAX_FILES_PER_TENANT} verification files: delete those no longer needed first).`,
        );
      }
      const saved = await db.transaction(async (tx) => {
        const row = await createVerifyFilesRepo(tx).upsertVerifyFile(ctx.tenantId, {
          fileName: body.fileName,
          content,
          createdBy: ctx.userId,
        });
        if (row) {
          await createAuditRecorder(tx).record(ctx.tenantId, {
            actorUserId: ctx.userId,
            action: 'verify_file.uploaded',
            targetType: 'verify_file',
            targetId: body.fileName,
            ip,
          });
        }
        return row;
      });
      if (!saved) {
        throw conflict(
          'verify_files.name_taken',
          `${body.fileName} 已由另一个租户提供；同名文件在共用域名上只能有一个。请确认是本企业的校验文件，或联系平台管理员 (${body.fileName} is already served by another tenant, and the shared host can serve one file of a name: check that it is your corp's file, or ask the platform administrator).`,
        );
      }
      return view(ctx.tenantId, saved);
    },

    async remove(ctx: TenantContext, fileName: string, ip: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await createVerifyFilesRepo(tx).deleteVerifyFile(ctx.tenantId, fileName))) {
          throw notFound('verify file', 'verify_files.not_found');
        }
        await createAuditRecorder(tx).record(ctx.tenantId, {
          actorUserId: ctx.userId,
          action: 'verify_file.deleted',
          targetType: 'verify_file',
          targetId: fileName,
          ip,
        });
      });
    },

    /** The public read at `/<fileName>`: on a tenant's host its own files only. */
    async served(fileName: string, hostname: string | undefined): Promise<string | null> {
      if (!VERIFY_FILE_NAME.test(fileName)) return null;
      const row = await repo.findServedFile(fileName, await hosts.tenantOfHost(hostname));
      return row?.content ?? null;
    },
  };
}
export type VerifyFilesService = ReturnType<typeof createVerifyFilesService>;
