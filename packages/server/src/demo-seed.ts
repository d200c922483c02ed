import { eq } from 'drizzle-orm';
import type { Db } from './db/client';
import { MEMBERSHIP_STATUS, tenants } from './db/schema';
import { generateHouseNumber } from './lib/house-number';
import { hashPassword } from './lib/password';
import { createDepartmentsRepo } from './modules/departments/departments.repo';
import { createTenantsRepo } from './modules/tenants/tenants.repo';
import { createUsersRepo } from './modules/users/users.repo';

export const DEMO_TENANT_NAME = '演示租户';
export const DEMO_ADMIN = {
  username: 'demo_admin',
  password: 'demo-pass-123',
  realname: '演示管理员',
};
export const DEMO_MEMBER_PASSWORD = 'member-pass-123';

const DEPARTMENTS = [
  { key: 'hq', name: '总部', parent: null },
  { key: 'rd', name: '研发部', parent: 'hq' },
  { key: 'mkt', name: '市场部', parent: 'hq' },
  { key: 'ops', name: '运营部', parent: 'hq' },
] as const;

const MEMBERS = [
  { username: 'demo_zhangsan', realname: '张三', departments: ['rd'] },
  { username: 'demo_lisi', realname: '李四', departments: ['rd', 'mkt'] },
  { username: 'demo_wangwu', realname: '王五', departments: ['mkt'] },
  { username: 'demo_zhaoliu', realname: '赵六', departments: ['ops'] },
] as const;

export interface DemoTenant {
  id: number;
  houseNumber: string;
  created: boolean;
}

/**
 * The demo tenant "演示租户" with its admin, a small department tree and a few members.
 * Idempotent: a second run finds the tenant by name and changes nothing.
 */
export async function seedDemoTenant(db: Db): Promise<DemoTenant> {
  const [existing] = await db
    .select()
    .from(tenants)
    .where(eq(tenants.name, DEMO_TENANT_NAME))
    .limit(1);
  if (existing) return { id: existing.id, houseNumber: existing.houseNumber, created: false };

  const adminHash = await hashPassword(DEMO_ADMIN.password);
  const memberHash = await hashPassword(DEMO_MEMBER_PASSWORD);
  return db.transaction(async (tx) => {
    const tenantsRepo = createTenantsRepo(tx);
    const usersRepo = createUsersRepo(tx);
    const departmentsRepo = createDepartmentsRepo(tx);
    const tenant = await tenantsRepo.insertTenant({
      name: DEMO_TENANT_NAME,
      houseNumber: generateHouseNumber(),
    });

    const adminId = await usersRepo.insertUser({
      username: DEMO_ADMIN.username,
      realname: DEMO_ADMIN.realname,
      passwordHash: adminHash,
    });
    await tenantsRepo.insertMembership(tenant.id, {
      userId: adminId,
      status: MEMBERSHIP_STATUS.normal,
      role: 'admin',
    });

    const deptIds = new Map<string, number>();
    for (const [order, d] of DEPARTMENTS.entries()) {
      const parentId = d.parent ? deptIds.get(d.parent)! : null;
      const row = await departmentsRepo.insert(tenant.id, { name: d.name, parentId, order });
      deptIds.set(d.key, row.id);
    }
    for (const m of MEMBERS) {
      const id = await usersRepo.insertUser({
        username: m.username,
        realname: m.realname,
        passwordHash: memberHash,
      });
      await tenantsRepo.insertMembership(tenant.id, {
        userId: id,
        status: MEMBERSHIP_STATUS.normal,
      });
      const ids = m.departments.map((k) => deptIds.get(k)!);
      await usersRepo.setUserDepartments(tenant.id, id, ids, ids[0]!);
    }
    return { id: tenant.id, houseNumber: tenant.houseNumber, created: true };
  });
}
