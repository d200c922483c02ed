import { Navigate, createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './layout/app-layout';
import { paths } from './paths';
import { RequireSession } from './require-session';
import { ApiKeysPage } from '../pages/ApiKeys';
import { ChangePasswordPage } from '../pages/ChangePassword';
import { DepartmentsPage } from '../pages/Departments';
import { HomeRedirect } from '../pages/Home';
import { LinkRequestsPage } from '../pages/LinkRequests';
import { LoginPage } from '../pages/Login';
import { MembersPage } from '../pages/Members';
import { MessagesPage } from '../pages/Messages';
import { AuditPage } from '../pages/Audit';
import { MyTenantsPage } from '../pages/MyTenants';
import { NotFoundPage } from '../pages/NotFound';
import { OAuthLandingPage } from '../pages/OAuthLanding';
import { TenantEntryPage } from '../pages/TenantEntry';
import { TenantsPage } from '../pages/Tenants';
import { UsersPage } from '../pages/Users';
import { WeComIntegrationPage } from '../pages/WeComIntegration';

export const router = createBrowserRouter([
  { path: paths.login, element: <LoginPage /> },
  // The WeCom app home page (PRODUCT.md §4) and where WeCom sign-in lands.
  { path: '/tenantId/:tenantId', element: <TenantEntryPage /> },
  { path: paths.oauthLanding, element: <OAuthLandingPage /> },
  {
    path: paths.changePassword,
    element: (
      <RequireSession allowPasswordChange>
        <ChangePasswordPage />
      </RequireSession>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'system', element: <Navigate to={paths.users} replace /> },
      { path: paths.users, element: <UsersPage /> },
      { path: paths.departments, element: <DepartmentsPage /> },
      { path: paths.members, element: <MembersPage /> },
      { path: paths.tenants, element: <TenantsPage /> },
      { path: paths.myTenants, element: <MyTenantsPage /> },
      { path: paths.wecom, element: <WeComIntegrationPage /> },
      { path: paths.messages, element: <MessagesPage /> },
      { path: paths.audit, element: <AuditPage /> },
      { path: paths.apiKeys, element: <ApiKeysPage /> },
      { path: paths.linkRequests, element: <LinkRequestsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
