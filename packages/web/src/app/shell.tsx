import { lazy, Suspense } from 'react';
import { FullPageSpin } from './full-page-spin';
import { useSession } from './session';

const AdminLayout = lazy(() =>
  import('./layout/app-layout').then((m) => ({ default: m.AppLayout })),
);
const MemberLayout = lazy(() =>
  import('./layout/member-layout').then((m) => ({ default: m.MemberLayout })),
);

/**
 * Administrators (of the current tenant, or of the platform) get the console with its menu; a
 * member — often on a phone, from the WeCom workbench — gets a one-column layout with only what
 * concerns them. Each layout is its own chunk.
 */
export function Shell() {
  const { isTenantAdmin } = useSession();
  return (
    <Suspense fallback={<FullPageSpin />}>
      {isTenantAdmin ? <AdminLayout /> : <MemberLayout />}
    </Suspense>
  );
}
