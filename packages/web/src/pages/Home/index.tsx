import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router-dom';
import { FullPageSpin } from '../../app/full-page-spin';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';

const AdminHome = lazy(() => import('./admin-home').then((m) => ({ default: m.AdminHome })));
const MemberHome = lazy(() => import('../MemberHome').then((m) => ({ default: m.MemberHomePage })));

/**
 * `/`: a tenant admin's overview of what waits for them; a member's own home. A platform admin
 * outside any tenant has no tenant to overview and goes to the tenant list.
 */
export function HomePage() {
  const { isTenantAdmin, isPlatformAdmin, tenantId } = useSession();
  if (isPlatformAdmin && tenantId === null) return <Navigate to={paths.tenants} replace />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      {isTenantAdmin ? <AdminHome /> : <MemberHome />}
    </Suspense>
  );
}
