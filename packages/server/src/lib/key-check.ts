import { eq, sql } from 'drizzle-orm';
import { ConfigError } from '../config';
import type { Db } from '../db/client';
import { instanceSettings, thirdAppConfigs } from '../db/schema';
import { createSecretBox, type SecretBox } from './secrets';

/** instance_settings key of the value sealed with SECRET_KEY at first start. */
export const SECRET_KEY_CHECK = 'secret_key_check';
/** What the check value holds once opened (GCM already proves the key; this names the purpose). */
const CHECK_PLAIN = 'orgbridge secret key check v1';
/** Sealed secrets tried on a database set up before the check value existed. */
const SAMPLE = 20;

function opens(box: SecretBox, sealed: string): boolean {
  try {
    box.open(sealed);
    return true;
  } catch {
    return false;
  }
}

/** Whether the stored check value opens with `key` (restore checks a backup's key with it). */
export function opensCheckValue(key: Buffer, sealed: string): boolean {
  const box = createSecretBox(key);
  return opens(box, sealed) && box.open(sealed) === CHECK_PLAIN;
}

/** The refusal: another key than the database's; says which setting to fix, never a key. */
function wrongKey(source: string, why: { zh: string; en: string }): ConfigError {
  return new ConfigError(
    `无法启动：${source} 的密钥与这个数据库初始化时用的密钥不同（${why.zh}）。用这个密钥，已存的企业微信 Secret 等都无法解密，所有企业微信调用和定时同步都会失败。请改用原来的密钥：它在第一个启动的进程的 DATA_DIR/secret.key 里（若当时没有设置 SECRET_KEY），或在你们保存 SECRET_KEY 的地方；共用一个 PostgreSQL 的每个进程都要用同一个密钥。\n` +
      `Cannot start: the key from ${source} differs from the SECRET_KEY this database was set up with (${why.en}). With it, the stored WeCom Secrets and keys cannot be decrypted: every WeCom call and scheduled sync would fail. Use the original key: it is in the first process's DATA_DIR/secret.key (if SECRET_KEY was not set then) or in your secret store; every process sharing one PostgreSQL needs the same key.`,
  );
}

/**
 * Refuses a SECRET_KEY other than the one the database was set up with, before the process serves
 * a request or takes a job. The first start stores a value sealed with the key (after checking it
 * against secrets already sealed, for a database older than the check); later starts open it.
 * Two first starts race on `insert … on conflict do nothing`, then both check the one stored.
 */
export async function checkSecretKey(db: Db, key: Buffer, source = 'SECRET_KEY'): Promise<void> {
  const box = createSecretBox(key);
  const stored = async () =>
    (
      await db
        .select({ value: instanceSettings.value })
        .from(instanceSettings)
        .where(eq(instanceSettings.key, SECRET_KEY_CHECK))
    )[0]?.value;

  let check = await stored();
  if (check === undefined) {
    // settings_enc, or on a row from before migration 0018 not moved yet, its AppSecret.
    const sealed = (
      await db
        .select({
          value: sql<
            string | null
          >`coalesce(${thirdAppConfigs.settingsEnc}, ${thirdAppConfigs.legacyClientSecretEnc})`,
        })
        .from(thirdAppConfigs)
        .limit(SAMPLE)
    ).filter((s): s is { value: string } => s.value !== null);
    if (sealed.length > 0 && !sealed.some((s) => opens(box, s.value))) {
      throw wrongKey(source, {
        zh: '已存的企业微信配置用这个密钥解不开',
        en: 'the stored WeCom configurations do not decrypt with it',
      });
    }
    await db
      .insert(instanceSettings)
      .values({ key: SECRET_KEY_CHECK, value: box.seal(CHECK_PLAIN) })
      .onConflictDoNothing();
    check = await stored();
  }
  let plain: string | undefined;
  try {
    plain = check === undefined ? undefined : box.open(check);
  } catch {
    plain = undefined;
  }
  if (plain !== CHECK_PLAIN) {
    throw wrongKey(source, {
      zh: '数据库里的密钥校验值用它解不开',
      en: 'the key check value stored in the database does not decrypt with it',
    });
  }
}
