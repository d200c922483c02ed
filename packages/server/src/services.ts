import type { AppConfig } from './config';
import type { Db } from './db/client';
import { createAuthService } from './modules/auth/auth.service';
import { createDepartmentsService } from './modules/departments/departments.service';
import { createTenantContextResolver } from './modules/tenants/tenant-context';
import { createTenantsService } from './modules/tenants/tenants.service';
import { createUsersService } from './modules/users/users.service';

/** Composition root: every service is created once here with its narrowed dependencies. */
export function createServices(deps: { db: Db; config: AppConfig }) {
  const { db } = deps;
  const auth = createAuthService({ db });
  const resolveTenant = createTenantContextResolver({ db });
  return {
    auth,
    resolveTenant,
    tenants: createTenantsService({ db, resolveTenant, setSessionTenant: auth.setCurrentTenant }),
    users: createUsersService({ db }),
    departments: createDepartmentsService({ db }),
  };
}
export type Services = ReturnType<typeof createServices>;
