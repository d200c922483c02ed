import { sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { MEMBERSHIP_STATUS, memberships, tenants, users } from './db/schema';
import { generateHouseNumber } from './lib/house-number';
import { generatePassword, hashPassword } from './lib/password';

export const DEFAULT_TENANT_ID = 0;
export const DEFAULT_TENANT_NAME = '默认租户';
export const ADMIN_USERNAME = 'admin';

/** Serialises bootstrap across processes sharing one PostgreSQL. */
const BOOTSTRAP_LOCK_KEY = 7_240_012;

export interface BootstrapResult {
  created: boolean;
  /** Set only when the password was generated; print it once. */
  generatedAdminPassword?: string;
}

/**
 * On an empty database: the default tenant 0, the platform administrator `admin` and its
 * admin membership of tenant 0 — in one transaction, and a no-op once done.
 */
export async function bootstrap(
  db: Db,
  opts: { adminPassword?: string },
): Promise<BootstrapResult> {
  const hasDefaultTenant = async (q: Db) =>
    (
      await q
        .select({ id: tenants.id })
        .from(tenants)
        .where(sql`${tenants.id} = 0`)
    ).length > 0;
  if (await hasDefaultTenant(db)) return { created: false };

  // Hash outside the transaction: scrypt is slow and must not hold locks.
  const generated = opts.adminPassword ? undefined : generatePassword(16);
  const passwordHash = await hashPassword(opts.adminPassword ?? generated!);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
    if (await hasDefaultTenant(tx)) return { created: false };

    await tx.insert(tenants).values({
      id: DEFAULT_TENANT_ID,
      name: DEFAULT_TENANT_NAME,
      houseNumber: generateHouseNumber(),
    });
    const [admin] = await tx
      .insert(users)
      .values({
        username: ADMIN_USERNAME,
        realname: '管理员',
        passwordHash,
        isPlatformAdmin: true,
        mustChangePassword: generated !== undefined,
      })
      .returning({ id: users.id });
    await tx.insert(memberships).values({
      tenantId: DEFAULT_TENANT_ID,
      userId: admin!.id,
      status: MEMBERSHIP_STATUS.normal,
      role: 'admin',
    });
    return { created: true, ...(generated ? { generatedAdminPassword: generated } : {}) };
  });
}
