import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/build-test-app';
import { auditLog } from '../../db/schema';
import type { ApiKeyPermission } from '../../db/schema/api-keys';

export interface CreatedKey {
  id: number;
  key: string;
  prefix: string;
}

/** Creates a key through the API, as a tenant admin would. */
export async function createKey(
  t: TestApp,
  adminToken: string,
  permissions: ApiKeyPermission[],
  more: { name?: string; expiresAt?: string; tenantId?: number } = {},
): Promise<CreatedKey> {
  const res = await t.call(
    'POST',
    '/sys/apiKeys',
    {
      name: more.name ?? `key ${permissions.join(' ')}`,
      permissions,
      ...(more.expiresAt ? { expiresAt: more.expiresAt } : {}),
    },
    { token: adminToken, ...(more.tenantId !== undefined ? { tenantId: more.tenantId } : {}) },
  );
  expect(res.status, res.body.message).toBe(200);
  return res.body.result as CreatedKey;
}

export const sendBody = (receiver: string, content = 'hello from a system') => ({
  app: 'WECHAT_ENTERPRISE',
  receiver,
  sendAll: false,
  content,
});

/** The audit entries of one action for a key. */
export async function auditOf(t: TestApp, action: string, apiKeyId: number) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(apiKeyId))));
}
