/**
 * Every action the audit log records (PRODUCT.md §11): writers can only use these names (the
 * entry's type), `GET /sys/audit?action=` accepts only these, and the console labels each one
 * (`packages/web/src/i18n/locales/<lang>/audit.json`, `actions.<area>.<name>`, checked by
 * audit.catalogue.test.ts). Names are `area.snake_case`; a stored name is never renamed, so old
 * entries keep matching their filter.
 */
export const AUDIT_ACTIONS = [
  // Sign-in and own account
  'auth.login',
  'auth.login_wecom',
  'auth.change_password',
  'auth.set_password',
  // Tenants and memberships
  'tenant.create',
  'tenant.join_request',
  'tenant.quit',
  'tenant.domain_changed',
  'member.approve',
  'member.refuse',
  'member.role',
  // Users and departments
  'user.add',
  'user.edit',
  'user.freeze',
  'user.unfreeze',
  'user.reset_password',
  'department.add',
  'department.edit',
  'department.delete',
  // Connector configuration
  'third_app.config_created',
  'third_app.config_updated',
  'third_app.config_deleted',
  'third_app.config_tested',
  'third_app.egress_ip_changed',
  'third_app.untrusted_ip',
  'third_app.trusted_ip_restored',
  'verify_file.uploaded',
  'verify_file.deleted',
  // Directory sync
  'sync.applied',
  'sync.confirmed',
  'sync.cancelled',
  'sync.started',
  // Bindings and consent
  'third_app.binding_removed',
  'third_app.link_request_cancelled',
  'third_login.linked',
  'third_login.self_unbound',
  'third_login.account_created',
  'third_login.refused',
  'link_request.accepted',
  'link_request.refused',
  // Messages
  'message.sent',
  'approval_card.capped',
  'approval_card.click_refused',
  'approval_card.click_failed',
  'approval_card.already_handled',
  // API keys
  'api_key.created',
  'api_key.revoked',
  'api_key.use_denied',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const known = new Set<string>(AUDIT_ACTIONS);
export const isAuditAction = (value: string): value is AuditAction => known.has(value);
