import { useMutation, useQuery } from '@tanstack/react-query';
import type { Role } from './auth';
import { queryKeys } from './query-keys';
import { tenantsApi } from './tenants';
import { useInvalidate, useQueryScope } from './use-query-scope';

/**
 * Review and role changes of the current tenant's members. Each marks the members (lists and the
 * pending count) and users stale when it succeeds; `mutateAsync` throws the ApiError to report.
 */
export function useMemberActions() {
  const invalidate = useInvalidate();
  const approve = useMutation({
    mutationFn: (userId: number) => tenantsApi.approve(userId),
    onSuccess: () => invalidate('memberReviewed'),
  });
  const refuse = useMutation({
    mutationFn: (userId: number) => tenantsApi.refuse(userId),
    onSuccess: () => invalidate('memberReviewed'),
  });
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: Role }) =>
      tenantsApi.setRole(userId, role),
    onSuccess: () => invalidate('memberRoleChanged'),
  });
  return { approve, refuse, setRole };
}

/**
 * How many people wait for approval in the current tenant (for a badge); `undefined` until known
 * or when `enabled` is false, 0 when it could not be read (only tenant admins may list members).
 */
export function usePendingMemberCount(enabled = true): number | undefined {
  const scope = useQueryScope();
  const query = useQuery({
    queryKey: queryKeys.pendingMembers(scope),
    queryFn: async () => (await tenantsApi.members({ status: 3, page: 1, pageSize: 1 })).total,
    enabled: enabled && scope.tenantId !== null,
    retry: false,
  });
  // Unknown after a failure: 0, so the page opens on 全部 (the list reports the failure itself).
  return query.isError ? 0 : query.data;
}
