import type { AppConfig } from './config';
import type { Db } from './db/client';
import { createAuthService } from './modules/auth/auth.service';
import { createApiKeyAuthenticator } from './modules/api-keys/api-keys.auth';
import { createApiKeysService } from './modules/api-keys/api-keys.service';
import { createDepartmentsService } from './modules/departments/departments.service';
import { createTenantContextResolver } from './modules/tenants/tenant-context';
import { createTenantsService } from './modules/tenants/tenants.service';
import { createUsersService } from './modules/users/users.service';
import { createPasswordResetService } from './modules/users/users.reset-password';
import { createBindingsService } from './modules/bindings/bindings.service';
import { createThirdAppConfigService } from './modules/third-app-config/third-app-config.service';
import { createMessagesService } from './modules/messages/messages.service';
import type { MessagesOptions, OutcomeLog } from './modules/messages/messages.outcomes';
import { createDirectorySyncService } from './modules/directory-sync/sync.service';
import { createThirdLoginService } from './modules/third-login/third-login.service';
import { createCallbacksService } from './modules/callbacks/callbacks.service';
import {
  acceptLinkRequest,
  createLinkRequestsService,
} from './modules/link-requests/link-requests.service';
import { createDbTokenStore } from './connectors/token-store';
import { clusterSlotsFor } from './db/cluster-slots';
import { announcing } from './lib/announce';
import { createSecretBox } from './lib/secrets';
import { createTenantHosts } from './lib/tenant-host';
import { createTenantDomainService } from './modules/tenants/tenant-domain.service';
import { createVerifyFilesService } from './modules/verify-files/verify-files.service';
import type { Database } from './db/client';
import type { AppObservers } from './plugins/metrics';
import { MEMBERSHIP_STATUS } from './db/schema';
import { createAuditService } from './modules/audit/audit.service';
import { createHomeService } from './modules/home/home.service';
import { createApprovalCardsService } from './modules/approval-cards/approval-cards.service';
import { createUsersExport } from './modules/users/users.export';
import { createBindingsExport } from './modules/bindings/bindings.export';
import { createBindingsBatch } from './modules/bindings/bindings.batch';
import { createMessagesExport } from './modules/messages/messages.export';
import { createSyncItemsExport } from './modules/directory-sync/sync.export';

/** Composition root: every service is created once here with its narrowed dependencies. */
export function createServices(deps: {
  db: Db;
  database: Database;
  config: AppConfig;
  log?: OutcomeLog;
  messages?: MessagesOptions;
  /** What GET /metrics counts (plugins/metrics.ts); nothing is counted without it. */
  observers?: AppObservers;
}) {
  const { db, log, observers } = deps;
  // SHUTDOWN_GRACE_S from the first time shutdown asks (app.ts preClose): one deadline for all.
  let closingBy: number | undefined;
  const shutdownDeadline = () =>
    (closingBy ??= Date.now() + (deps.config.shutdownGraceS ?? 25) * 1000);
  const box = createSecretBox(deps.config.secretKey);
  const connectorTokens = createDbTokenStore(deps.database, box, observers?.tokenFetched);
  // One WeCom concurrency limit per corp and API for every process on the PostgreSQL; gettoken is
  // single-flight through the token store already.
  const callSlots = clusterSlotsFor(deps.database, deps.config.wecom.maxInFlight ?? 5, {
    exempt: new Set(['gettoken']),
    ...(log ? { log: (line: string) => log.warn({}, line) } : {}),
  });
  // The request path's lookups are cached until the database or a service says their tables
  // changed (db/changes.ts); the services below list what they write (lib/announce.ts).
  const changes = deps.database.changes;
  const apiKeyAuth = createApiKeyAuthenticator({ db, changes, ...(log ? { log } : {}) });
  const auth = announcing(createAuthService({ db, changes, apiKeys: apiKeyAuth }), changes, {
    logout: ['sessions'],
    changePassword: ['users', 'sessions'],
    setPassword: ['users', 'sessions'],
    setCurrentTenant: ['sessions'],
  });
  const resolveTenant = createTenantContextResolver({ db, changes });
  const hosts = createTenantHosts({ db, publicUrl: deps.config.publicUrl, changes });
  const thirdAppConfig = announcing(
    createThirdAppConfigService({
      db,
      changes,
      config: deps.config,
      box,
      tokens: connectorTokens,
      ...(callSlots ? { callSlots: callSlots.forScope } : {}),
      baseUrlOf: hosts.baseUrlOf,
      ...(observers ? { observeCall: observers.connectorCall } : {}),
    }),
    changes,
    { create: ['third_app_configs'], update: ['third_app_configs'], remove: ['third_app_configs'] },
  );
  const directorySync = createDirectorySyncService({
    db,
    database: deps.database,
    box,
    runtime: thirdAppConfig.runtime,
    logLevel: deps.config.logLevel,
    ...(log ? { log } : {}),
    ...(observers ? { onRunFinished: observers.syncRunFinished } : {}),
    shutdownDeadline,
  });
  const messages = createMessagesService({
    db,
    thirdAppConfig,
    config: deps.config,
    hosts,
    ...(log ? { log } : {}),
    options: deps.messages,
    ...(observers ? { observe: observers } : {}),
    shutdownDeadline,
  });
  // Someone became pending: the tenant's WeCom-bound admins get a card (PRODUCT.md §8). The
  // cards act through the tenants service's approve / refuse, which tells them in turn.
  const onPending = (tenantId: number, userId: number) =>
    approvalCards.notifyPending(tenantId, userId);
  const tenants = announcing(
    createTenantsService({
      db,
      resolveTenant,
      setSessionTenant: auth.setCurrentTenant,
      onPending,
    }),
    changes,
    {
      addTenant: ['tenants', 'memberships'],
      join: ['memberships'],
      quit: ['memberships', 'sessions'],
      approve: ['memberships'],
      refuse: ['memberships'],
      setRole: ['memberships'],
    },
  );
  const bindings = createBindingsService({ db });
  const approvalCards = createApprovalCardsService({
    db,
    runtime: thirdAppConfig.runtime,
    messages,
    decisions: () => tenants,
    ...(deps.log ? { log: deps.log } : {}),
  });
  return {
    /** Closed with the app (its own connections). */
    callSlots,
    /** Epoch ms until which app close waits for running syncs and sends (set on first call). */
    shutdownDeadline,
    auth,
    apiKeyAuth,
    apiKeys: announcing(createApiKeysService({ db, ...(log ? { log } : {}) }), changes, {
      revoke: ['api_keys'],
    }),
    resolveTenant,
    hosts,
    tenantDomain: announcing(createTenantDomainService({ db, hosts }), changes, {
      set: ['tenants'],
    }),
    verifyFiles: createVerifyFilesService({ db, hosts }),
    tenants,
    users: announcing(createUsersService({ db }), changes, {
      add: ['users', 'memberships'],
      edit: ['users', 'memberships'],
      freeze: ['users', 'memberships'],
    }),
    passwordResets: announcing(createPasswordResetService({ db }), changes, {
      reset: ['users', 'sessions'],
    }),
    departments: createDepartmentsService({ db }),
    bindings,
    bindingsBatch: createBindingsBatch({ db, bindings }),
    usersExport: createUsersExport({ db }),
    bindingsExport: createBindingsExport({ db }),
    messagesExport: createMessagesExport({ db }),
    syncItemsExport: createSyncItemsExport({ db, sync: directorySync }),
    thirdAppConfig,
    messages,
    directorySync,
    approvalCards,
    callbacks: createCallbacksService({
      db,
      runtime: thirdAppConfig.runtime,
      sync: directorySync,
      cards: approvalCards,
    }),
    linkRequests: announcing(createLinkRequestsService({ db, onPending }), changes, {
      accept: ['memberships'],
    }),
    audit: createAuditService({ db }),
    home: createHomeService({ db }),
    thirdLogin: createThirdLoginService({
      db,
      config: deps.config,
      thirdAppConfig,
      hosts,
      auth,
      // The owner's consent at the WeCom sign-in's link-by-password step (PRODUCT.md §7).
      acceptLinkRequest: async (input) => {
        const out = await acceptLinkRequest(db, input);
        if (out.accepted && out.membershipStatus === MEMBERSHIP_STATUS.pending)
          onPending(input.tenantId, input.userId);
        return out;
      },
    }),
  };
}
export type Services = ReturnType<typeof createServices>;
