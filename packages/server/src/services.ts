import type { AppConfig } from './config';
import type { Db } from './db/client';
import { createAuthService } from './modules/auth/auth.service';
import { createTenantContextResolver } from './modules/tenants/tenant-context';

/** Composition root: every service is created once here with its narrowed dependencies. */
export function createServices(deps: { db: Db; config: AppConfig }) {
  const { db } = deps;
  return {
    auth: createAuthService({ db }),
    resolveTenant: createTenantContextResolver({ db }),
  };
}
export type Services = ReturnType<typeof createServices>;
