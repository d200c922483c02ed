import { Layout } from 'antd';
import { useState } from 'react';
import { Outlet } from 'react-router-dom';
import { LinkRequestsNotice } from '../../pages/LinkRequests/link-requests-notice';
import { LinkRequestsProvider } from '../../pages/LinkRequests/use-link-requests';
import { useSession } from '../session';
import { HeaderBar } from './header-bar';
import { SideMenu } from './side-menu';

const { Sider, Content } = Layout;

export function AppLayout() {
  const { tenantId } = useSession();
  const [collapsed, setCollapsed] = useState(false);
  return (
    <LinkRequestsProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Sider
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div
            data-testid="brand"
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: '#fff',
              fontWeight: 600,
              fontSize: collapsed ? 14 : 18,
              letterSpacing: 0.5,
            }}
          >
            {collapsed ? 'OB' : 'OrgBridge'}
          </div>
          <SideMenu />
        </Sider>
        <Layout>
          <HeaderBar />
          <Content style={{ padding: 24, minWidth: 0 }}>
            <LinkRequestsNotice />
            {/* Remount the page on tenant switch so it reloads the new tenant's data. */}
            <Outlet key={tenantId ?? 'none'} />
          </Content>
        </Layout>
      </Layout>
    </LinkRequestsProvider>
  );
}
