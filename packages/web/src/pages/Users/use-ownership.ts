import type { Ownership, UserRow } from '../../api/users';
import { useSession } from '../../app/session';

export interface OwnershipLimits {
  ownership: Ownership;
  /** Phone and e-mail are the owner's; name and position edited here show in this tenant only. */
  shared: boolean;
  /** Edit, freeze and role are refused: the account is a platform administrator. */
  platformAdmin: boolean;
  /** Pending, refused or quit here: not this tenant's to edit. */
  inactive: boolean;
  /** Nothing may be edited or frozen (the reason is `platformAdmin` or `inactive`). */
  locked: boolean;
}

/**
 * What the current tenant may do to a user, as the server's trust policy says (`ownership` on
 * each row). A platform administrator acting is not bound by a tenant's limits.
 */
export function useOwnership(user: UserRow | null): OwnershipLimits {
  const { isPlatformAdmin } = useSession();
  const ownership: Ownership = user?.ownership ?? 'own';
  const limited = !isPlatformAdmin;
  const shared = limited && ownership === 'shared';
  const platformAdmin = limited && ownership === 'platform_admin';
  const inactive = limited && ownership === 'inactive_member';
  return { ownership, shared, platformAdmin, inactive, locked: platformAdmin || inactive };
}
