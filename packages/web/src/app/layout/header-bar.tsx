import { Layout, Space } from 'antd';
import { LanguageSwitch } from './language-switch';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';

export function HeaderBar() {
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'flex-end',
        gap: 16,
        padding: '0 24px',
        borderBottom: '1px solid #f0f0f0',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Space size={16} wrap={false}>
        <TenantSwitcher />
        <LanguageSwitch />
        <UserMenu />
      </Space>
    </Layout.Header>
  );
}
