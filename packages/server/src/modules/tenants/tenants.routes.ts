import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { route } from '../../lib/route';
import type { TenantsService } from './tenants.service';
import {
  AddTenantBodySchema,
  CurrentTenantSchema,
  JoinResultSchema,
  JoinTenantBodySchema,
  MemberRoleBodySchema,
  MembersQuerySchema,
  MembersResultSchema,
  MemberUserBodySchema,
  SwitchResultSchema,
  SwitchTenantBodySchema,
  TenantCreatedSchema,
  TenantListQuerySchema,
  TenantListResultSchema,
} from './tenants.schemas';

const tags = ['tenants'];

export function registerTenantRoutes(
  app: FastifyInstance,
  deps: { tenants: TenantsService },
): void {
  const { tenants } = deps;

  route(app, {
    method: 'POST',
    url: '/sys/tenant/add',
    operationId: 'addTenant',
    errors: { 409: 'The house number is taken (retry).' },
    tags,
    access: 'platform',
    summary: 'Create a tenant (platform admin); the creator becomes its administrator',
    body: AddTenantBodySchema,
    result: TenantCreatedSchema,
    handler: ({ session, body }) => tenants.addTenant(session, body.name),
  });

  route(app, {
    method: 'GET',
    url: '/sys/tenant/list',
    operationId: 'listTenants',
    tags,
    access: 'platform',
    summary: 'All tenants (platform admin)',
    querystring: TenantListQuerySchema,
    result: TenantListResultSchema,
    handler: ({ query }) => tenants.listTenants(query),
  });

  route(app, {
    method: 'POST',
    url: '/sys/tenant/join',
    operationId: 'joinTenant',
    errors: {
      404: 'No tenant has this house number.',
      409: 'Already a member, or a request is pending.',
      429: 'Too many requests to join from this address.',
    },
    tags,
    access: 'session',
    summary: 'Ask to join a tenant by house number (门牌号); membership becomes pending (审核中)',
    body: JoinTenantBodySchema,
    result: JoinResultSchema,
    handler: ({ session, body, req }) => tenants.join(session, body.houseNumber, req.ip),
  });

  route(app, {
    method: 'POST',
    url: '/sys/tenant/switch',
    operationId: 'switchTenant',
    tags,
    access: 'session',
    summary: "Set the session's current tenant (active member or platform admin)",
    body: SwitchTenantBodySchema,
    result: SwitchResultSchema,
    handler: ({ session, body }) => tenants.switchTenant(session, body.tenantId),
  });

  route(app, {
    method: 'GET',
    url: '/sys/tenant/current',
    operationId: 'getCurrentTenant',
    tags,
    access: 'member',
    summary: "The request's tenant and the caller's role in it",
    result: CurrentTenantSchema,
    handler: ({ tenant }) => tenants.current(tenant),
  });

  route(app, {
    method: 'POST',
    url: '/sys/tenant/quit',
    operationId: 'quitTenant',
    errors: { 409: 'The caller is the last administrator of the tenant.' },
    tags,
    access: 'member',
    summary: 'Leave the current tenant (membership status 2)',
    result: Type.Null(),
    handler: async ({ tenant }) => {
      await tenants.quit(tenant);
      return null;
    },
  });

  route(app, {
    method: 'GET',
    url: '/sys/tenant/members',
    operationId: 'listMembers',
    tags,
    access: 'admin',
    summary: "The current tenant's memberships, filtered by status and username/realname",
    querystring: MembersQuerySchema,
    result: MembersResultSchema,
    handler: ({ tenant, query }) => tenants.members(tenant, query),
  });

  const memberAction = (
    path: string,
    operationId: string,
    summary: string,
    act: 'approve' | 'refuse',
  ) =>
    route(app, {
      method: 'POST',
      url: `/sys/tenant/members/${path}`,
      operationId,
      tags,
      access: 'admin',
      summary,
      errors: {
        404: 'No such member in the current tenant.',
        409: 'The member is not waiting for approval (审核中).',
      },
      body: MemberUserBodySchema,
      result: Type.Null(),
      handler: async ({ tenant, body }) => {
        await tenants[act](tenant, body.userId);
        return null;
      },
    });
  memberAction('approve', 'approveMember', 'Approve a pending member (3 → 1)', 'approve');
  memberAction('refuse', 'refuseMember', 'Refuse a pending member (3 → 4)', 'refuse');

  route(app, {
    method: 'POST',
    url: '/sys/tenant/members/role',
    operationId: 'setMemberRole',
    errors: {
      404: 'No such member in the current tenant.',
      409: 'The last administrator cannot be demoted.',
    },
    tags,
    access: 'admin',
    summary: "Change a member's role in the current tenant (the last admin cannot be demoted)",
    body: MemberRoleBodySchema,
    result: Type.Null(),
    handler: async ({ tenant, body }) => {
      await tenants.setRole(tenant, body.userId, body.role);
      return null;
    },
  });
}
