import { Navigate } from 'react-router-dom';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';

/** Admins land on the user list; members, who manage nothing, on their own tenants. */
export function HomeRedirect() {
  const { isTenantAdmin, tenantId } = useSession();
  return (
    <Navigate to={isTenantAdmin && tenantId !== null ? paths.users : paths.myTenants} replace />
  );
}
