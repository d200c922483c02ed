import { HomeOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useMatches } from 'react-router-dom';
import { LinkRequestsNotice } from '../../pages/LinkRequests/link-requests-notice';
import { LinkRequestsProvider } from '../../pages/LinkRequests/use-link-requests';
import { MemberNotAllowed } from '../../pages/MemberHome/member-not-allowed';
import { paths } from '../paths';
import { handleOf } from '../route-handle';
import { useSession } from '../session';
import { HeaderBar } from './header-bar';

/** A member's two places: their home and their tenants (join, switch, quit). */
function MemberNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const links = [
    { to: paths.home, icon: <HomeOutlined />, label: t('shell.home') },
    { to: paths.myTenants, icon: <UnorderedListOutlined />, label: t('menu.myTenants') },
  ];
  return (
    <nav
      aria-label={t('shell.mainMenu')}
      data-testid="member-nav"
      style={{ display: 'flex', gap: 4, marginBottom: 12 }}
    >
      {links.map((link) => {
        const current = pathname === link.to;
        return (
          <Link
            key={link.to}
            to={link.to}
            aria-current={current ? 'page' : undefined}
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: 6,
              padding: '6px 14px',
              borderRadius: 6,
              background: current ? '#1f6feb' : 'transparent',
              color: current ? '#fff' : 'rgba(0, 0, 0, 0.88)',
            }}
          >
            {link.icon}
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * The console for a member (no admin rights in the current tenant): one column, no sider, fits
 * a 360 px phone — what the WeCom workbench opens. Admin pages explain they are not for them.
 */
export function MemberLayout() {
  const { tenantId } = useSession();
  const adminOnly = useMatches().some((m) => handleOf(m).adminOnly === true);
  return (
    <LinkRequestsProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <HeaderBar brand />
        <Layout.Content
          style={{ width: '100%', maxWidth: 960, margin: '0 auto', padding: 12, minWidth: 0 }}
          data-testid="member-layout"
        >
          <MemberNav />
          <LinkRequestsNotice />
          {adminOnly ? <MemberNotAllowed /> : <Outlet key={tenantId ?? 'none'} />}
        </Layout.Content>
      </Layout>
    </LinkRequestsProvider>
  );
}
