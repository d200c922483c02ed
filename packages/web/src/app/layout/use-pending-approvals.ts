import { usePendingMemberCount } from '../../api/use-member-actions';
import { useSession } from '../session';

/**
 * How many requests to join the current tenant wait for approval (审核中), for the menu badge;
 * null for anybody but the tenant's admins. The count lives in the query cache under the
 * members key, so every approve or refuse (single or batch) makes it ask again.
 */
export function usePendingApprovals(): number | null {
  const { isTenantAdmin, tenantId } = useSession();
  const enabled = isTenantAdmin && tenantId !== null;
  const count = usePendingMemberCount(enabled);
  return enabled ? (count ?? null) : null;
}
