/**
 * Query keys, one family per resource. Every key starts with the resource, then the scope (the
 * signed-in user and the selected tenant: another tenant's or another user's rows never come out
 * of the cache), then what is read. Invalidating `[resource]` (see `invalidates`) refetches that
 * resource in every scope, which is what a mutation wants: the rows it changed are gone wherever
 * they were shown.
 */
export interface QueryScope {
  userId: number | null;
  tenantId: number | null;
}

export const RESOURCES = [
  'users',
  'members',
  'tenants',
  'myTenants',
  'departments',
  'bindings',
  'messages',
  'syncRuns',
  'thirdApp',
  'apiKeys',
  'audit',
  'linkRequests',
  'tenantDomain',
  'verifyFiles',
  'myWecomBinding',
  'tenantSignIn',
  'home',
] as const;
export type Resource = (typeof RESOURCES)[number];

const scoped = (resource: Resource, scope: QueryScope) =>
  [resource, scope.userId, scope.tenantId] as const;

export const queryKeys = {
  /** Every query of one resource, in every scope (for invalidation). */
  all: (resource: Resource) => [resource] as const,
  /** One page of a list endpoint with its filters. */
  list: (resource: Resource, scope: QueryScope, params: object) =>
    [...scoped(resource, scope), 'list', params] as const,
  /** Members waiting for approval (the menu badge and the home page count them). */
  pendingMembers: (scope: QueryScope) => [...scoped('members', scope), 'pending-count'] as const,
  departmentTree: (scope: QueryScope) => [...scoped('departments', scope), 'tree'] as const,
  /** One provider's stored configuration (`thirdType` as the API spells it). */
  thirdAppConfig: (scope: QueryScope, thirdType: string) =>
    [...scoped('thirdApp', scope), 'config', thirdType] as const,
  /** The connectors the server has registered (their names and config forms). */
  connectors: (scope: QueryScope) => [...scoped('thirdApp', scope), 'connectors'] as const,
  linkRequests: (scope: QueryScope) => [...scoped('linkRequests', scope), 'mine'] as const,
  tenantDomain: (scope: QueryScope) => [...scoped('tenantDomain', scope), 'domain'] as const,
  verifyFiles: (scope: QueryScope) => [...scoped('verifyFiles', scope), 'files'] as const,
  /** The admin home page's counts (GET /sys/home/summary). */
  homeSummary: (scope: QueryScope) => [...scoped('home', scope), 'summary'] as const,
  auditActions: (scope: QueryScope) => [...scoped('audit', scope), 'actions'] as const,
  myWecomBinding: (scope: QueryScope) => [...scoped('myWecomBinding', scope), 'mine'] as const,
  /** Whether a tenant offers WeCom sign-in: public, asked before anyone signs in. */
  tenantSignIn: (tenantId: number) => ['tenantSignIn', tenantId] as const,
};

/** Whether two keys read the same resource for the same user and tenant. */
export const sameScope = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a[0] === b[0] && a[1] === b[1] && a[2] === b[2];

/**
 * What each change makes stale. Approving a member changes the members list, the pending count
 * (a `members` key) and the users list (the account becomes an active user of the tenant).
 */
export const invalidates = {
  memberReviewed: ['members', 'users', 'home'],
  memberRoleChanged: ['members', 'users'],
  userChanged: ['users', 'members', 'bindings', 'home'],
  departmentChanged: ['departments', 'users', 'home'],
  bindingChanged: ['bindings', 'users', 'members', 'myWecomBinding', 'home'],
  myBindingRemoved: ['myWecomBinding', 'bindings', 'users'],
  thirdAppChanged: ['thirdApp', 'bindings', 'home'],
  syncApplied: ['syncRuns', 'users', 'members', 'departments', 'bindings', 'home'],
  messageChanged: ['messages'],
  apiKeyChanged: ['apiKeys'],
  tenantChanged: ['tenants', 'myTenants'],
  linkRequestDecided: ['linkRequests', 'myTenants', 'bindings'],
  verifyFilesChanged: ['verifyFiles'],
} as const satisfies Record<string, readonly Resource[]>;
export type Change = keyof typeof invalidates;
