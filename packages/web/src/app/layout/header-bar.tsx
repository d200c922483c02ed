import { Grid, Layout, Space } from 'antd';
import { LanguageSwitch } from './language-switch';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';

export function HeaderBar() {
  // On a phone the three controls must share ~300 px: labels give way to icons.
  const compact = !Grid.useBreakpoint().md;
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'flex-end',
        gap: 16,
        padding: compact ? '0 12px' : '0 24px',
        borderBottom: '1px solid #f0f0f0',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Space size={compact ? 4 : 16} wrap={false}>
        <TenantSwitcher compact={compact} />
        <LanguageSwitch compact={compact} />
        <UserMenu compact={compact} />
      </Space>
    </Layout.Header>
  );
}
