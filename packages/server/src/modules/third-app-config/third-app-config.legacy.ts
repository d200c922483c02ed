import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { thirdAppConfigs } from '../../db/schema';
import type { SecretBox } from '../../lib/secrets';
import { legacySettings, sealSettings } from './third-app-config.settings';

/**
 * Moves connections stored before migration 0018 into `settings_enc` (decision 0008): their
 * legacy WeCom columns (agent_id, client_id and the four sealed secrets) are opened, sealed again
 * as one JSON object, and cleared. SQL cannot seal (it has no SECRET_KEY), so the start runs this
 * after the migrations and the key check (start.ts); a restored older backup goes through it at
 * its next start. Each row moves in its own transaction, only while its settings_enc is still
 * null, so processes starting together on one PostgreSQL move each row once. Returns how many.
 */
export async function sealLegacyConfigs(db: Db, box: SecretBox): Promise<number> {
  const pending = await db
    .select({ id: thirdAppConfigs.id, tenantId: thirdAppConfigs.tenantId })
    .from(thirdAppConfigs)
    .where(isNull(thirdAppConfigs.settingsEnc));
  let moved = 0;
  for (const { id, tenantId } of pending) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(thirdAppConfigs)
        .where(
          and(
            eq(thirdAppConfigs.tenantId, tenantId),
            eq(thirdAppConfigs.id, id),
            isNull(thirdAppConfigs.settingsEnc),
          ),
        )
        .for('update');
      if (!row) return false;
      const settings = legacySettings(box, row);
      await tx
        .update(thirdAppConfigs)
        .set({
          settingsEnc: sealSettings(box, settings),
          accountKey: String(settings.clientId),
          legacyAgentId: null,
          legacyClientId: null,
          legacyClientSecretEnc: null,
          legacyContactSecretEnc: null,
          legacyCallbackTokenEnc: null,
          legacyEncodingAesKeyEnc: null,
        })
        .where(and(eq(thirdAppConfigs.tenantId, tenantId), eq(thirdAppConfigs.id, id)));
      return true;
    });
    if (done) moved++;
  }
  return moved;
}
