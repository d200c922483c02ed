import { Drawer, Layout } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { LinkRequestsNotice } from '../../pages/LinkRequests/link-requests-notice';
import { LinkRequestsProvider } from '../../pages/LinkRequests/use-link-requests';
import { useSession } from '../session';
import { Breadcrumbs } from './breadcrumbs';
import { HeaderBar } from './header-bar';
import { SideMenu } from './side-menu';
import { useNarrow } from './use-narrow';

const { Sider, Content } = Layout;
const SIDER_BG = '#001529';

function Brand({ short }: { short: boolean }) {
  return (
    <div
      data-testid="brand"
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        color: '#fff',
        fontWeight: 600,
        fontSize: short ? 14 : 18,
        letterSpacing: 0.5,
      }}
    >
      {short ? 'OB' : 'OrgBridge'}
    </div>
  );
}

/**
 * The administrators' console. On a wide screen the menu is a sider; below 768 px (phones, the
 * WeCom client) it moves into a drawer opened from the header, so the page keeps the width.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const narrow = useNarrow();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menu = (
    <nav aria-label={t('shell.mainMenu')}>
      <SideMenu onNavigate={() => setDrawerOpen(false)} />
    </nav>
  );
  return (
    <LinkRequestsProvider>
      <Layout style={{ minHeight: '100vh' }}>
        {narrow ? (
          <Drawer
            placement="left"
            size={256}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            closable={false}
            data-testid="nav-drawer"
            styles={{ body: { padding: 0, background: SIDER_BG }, header: { display: 'none' } }}
          >
            <Brand short={false} />
            {menu}
          </Drawer>
        ) : (
          <Sider
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="lg"
            style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
          >
            <Brand short={collapsed} />
            {menu}
          </Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
          <HeaderBar onOpenMenu={narrow ? () => setDrawerOpen(true) : undefined} />
          <Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
            <Breadcrumbs />
            <LinkRequestsNotice />
            {/* Remount the page on tenant switch so it reloads the new tenant's data. */}
            <Outlet key={tenantId ?? 'none'} />
          </Content>
        </Layout>
      </Layout>
    </LinkRequestsProvider>
  );
}
