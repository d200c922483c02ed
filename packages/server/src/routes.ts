import type { FastifyInstance } from 'fastify';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerDepartmentRoutes } from './modules/departments/departments.routes';
import { registerTenantRoutes } from './modules/tenants/tenants.routes';
import { registerUserRoutes } from './modules/users/users.routes';
import { registerBindingRoutes } from './modules/bindings/bindings.routes';
import { registerThirdAppConfigRoutes } from './modules/third-app-config/third-app-config.routes';
import { registerMessageRoutes } from './modules/messages/messages.routes';
import { registerThirdLoginRoutes } from './modules/third-login/third-login.routes';
import { registerDirectorySyncRoutes } from './modules/directory-sync/sync.routes';
import { registerCallbackRoutes } from './modules/callbacks/callbacks.routes';
import { registerLinkRequestRoutes } from './modules/link-requests/link-requests.routes';
import { registerTenantDomainRoutes } from './modules/tenants/tenant-domain.routes';
import { registerVerifyFileRoutes } from './modules/verify-files/verify-files.routes';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerApiKeyRoutes } from './modules/api-keys/api-keys.routes';
import { registerHomeRoutes } from './modules/home/home.routes';
import type { Services } from './services';

export function registerRoutes(app: FastifyInstance, services: Services): void {
  registerAuthRoutes(app, services);
  registerTenantRoutes(app, services);
  registerUserRoutes(app, services);
  registerDepartmentRoutes(app, services);
  registerThirdAppConfigRoutes(app, services);
  registerMessageRoutes(app, services);
  registerBindingRoutes(app, services);
  registerThirdLoginRoutes(app, services);
  registerDirectorySyncRoutes(app, services);
  registerCallbackRoutes(app, services);
  registerLinkRequestRoutes(app, services);
  registerTenantDomainRoutes(app, services);
  registerVerifyFileRoutes(app, services);
  registerAuditRoutes(app, services);
  registerApiKeyRoutes(app, services);
  registerHomeRoutes(app, services);
}
