import type { ComponentType } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router-dom';
import { paths } from './paths';
import { RequireSession } from './require-session';
import type { RouteHandle } from './route-handle';
import { Shell } from './shell';

/**
 * Every page is its own chunk, loaded when its route is first opened: the sign-in page and a
 * member's pages never download the admin pages (antd tables, forms, the sync dialog).
 */
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: pick(await load()) }) };
}

const system = 'menu.system';
const admin = (crumbs: string[]): RouteHandle => ({ crumbs: [system, ...crumbs], adminOnly: true });

export const router = createBrowserRouter([
  {
    path: paths.login,
    ...page(
      () => import('../pages/Login'),
      (m) => m.LoginPage,
    ),
  },
  // The WeCom app home page (PRODUCT.md §4) and where WeCom sign-in lands.
  {
    path: '/tenantId/:tenantId',
    ...page(
      () => import('../pages/TenantEntry'),
      (m) => m.TenantEntryPage,
    ),
  },
  {
    path: paths.oauthLanding,
    ...page(
      () => import('../pages/OAuthLanding'),
      (m) => m.OAuthLandingPage,
    ),
  },
  {
    path: paths.changePassword,
    lazy: async () => {
      const { ChangePasswordPage } = await import('../pages/ChangePassword');
      return {
        element: (
          <RequireSession allowPasswordChange>
            <ChangePasswordPage />
          </RequireSession>
        ),
      };
    },
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      {
        index: true,
        ...page(
          () => import('../pages/Home'),
          (m) => m.HomePage,
        ),
      },
      { path: 'system', element: <Navigate to={paths.home} replace /> },
      {
        path: paths.users,
        handle: admin(['menu.users']),
        ...page(
          () => import('../pages/Users'),
          (m) => m.UsersPage,
        ),
      },
      {
        path: paths.departments,
        handle: admin(['menu.departments']),
        ...page(
          () => import('../pages/Departments'),
          (m) => m.DepartmentsPage,
        ),
      },
      {
        path: paths.members,
        handle: admin(['menu.members']),
        ...page(
          () => import('../pages/Members'),
          (m) => m.MembersPage,
        ),
      },
      {
        path: paths.tenants,
        handle: admin(['menu.tenants']),
        ...page(
          () => import('../pages/Tenants'),
          (m) => m.TenantsPage,
        ),
      },
      {
        path: paths.myTenants,
        handle: { crumbs: [system, 'menu.myTenants'] } satisfies RouteHandle,
        ...page(
          () => import('../pages/MyTenants'),
          (m) => m.MyTenantsPage,
        ),
      },
      {
        path: paths.wecom,
        handle: { crumbs: ['menu.thirdApp', 'menu.wecom'], adminOnly: true } satisfies RouteHandle,
        ...page(
          () => import('../pages/Integration'),
          (m) => m.WeComIntegrationPage,
        ),
      },
      {
        path: paths.dingtalk,
        handle: {
          crumbs: ['menu.thirdApp', 'menu.dingtalk'],
          adminOnly: true,
        } satisfies RouteHandle,
        ...page(
          () => import('../pages/Integration'),
          (m) => m.DingTalkIntegrationPage,
        ),
      },
      {
        path: paths.messages,
        handle: admin(['messages.menu']),
        ...page(
          () => import('../pages/Messages'),
          (m) => m.MessagesPage,
        ),
      },
      {
        path: paths.audit,
        handle: admin(['audit.menu']),
        ...page(
          () => import('../pages/Audit'),
          (m) => m.AuditPage,
        ),
      },
      {
        path: paths.apiKeys,
        handle: admin(['apiKeys.menu']),
        ...page(
          () => import('../pages/ApiKeys'),
          (m) => m.ApiKeysPage,
        ),
      },
      {
        path: paths.linkRequests,
        handle: { crumbs: ['account.link.menu'] } satisfies RouteHandle,
        ...page(
          () => import('../pages/LinkRequests'),
          (m) => m.LinkRequestsPage,
        ),
      },
      {
        path: '*',
        ...page(
          () => import('../pages/NotFound'),
          (m) => m.NotFoundPage,
        ),
      },
    ],
  },
]);
