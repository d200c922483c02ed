import type { Db } from '../../db/client';
import { createTenantsRepo, type TenantsRepo } from './tenants.repo';

export { shownPosition, shownRealname, type MembershipRow, type Role } from './tenants.repo';

/**
 * The tenants module's public file for memberships: other modules read and write an account's
 * memberships through this — in their own transaction when they pass its tx — never through
 * tenants.repo (docs/decisions/0007-module-boundaries.md). `shownRealname` / `shownPosition`
 * are the tenant-scoped name and position, for other repositories' selects.
 */
export type Memberships = Pick<
  TenantsRepo,
  | 'usernameInOtherNamespace'
  | 'listMembershipsOfUser'
  | 'findMembership'
  | 'insertMembership'
  | 'updateMembership'
  | 'lockActiveAdmins'
  | 'lockUser'
>;

export function createMemberships(db: Db): Memberships {
  return createTenantsRepo(db);
}
