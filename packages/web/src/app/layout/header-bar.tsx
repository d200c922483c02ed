import { MenuOutlined } from '@ant-design/icons';
import { Button, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';
import { useNarrow } from './use-narrow';

/**
 * The console's header. `onOpenMenu` (narrow screens) adds the button opening the menu drawer;
 * `brand` shows the name where no sider does (the member layout).
 */
export function HeaderBar(props: { onOpenMenu?: () => void; brand?: boolean }) {
  const { t } = useTranslation();
  // On a phone the controls must share ~300 px: labels give way to icons.
  const compact = useNarrow();
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: compact ? 4 : 16,
        padding: compact ? '0 8px' : '0 24px',
        borderBottom: '1px solid #f0f0f0',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Space size={4}>
        {props.onOpenMenu && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('shell.openMenu')}
            onClick={props.onOpenMenu}
            data-testid="nav-drawer-button"
          />
        )}
        {props.brand && (
          <span style={{ fontWeight: 600, fontSize: compact ? 15 : 18 }} data-testid="brand">
            OrgBridge
          </span>
        )}
      </Space>
      <Space size={compact ? 2 : 16} wrap={false}>
        <TenantSwitcher compact={compact} />
        <LanguageSwitch compact={compact} />
        <UserMenu compact={compact} />
      </Space>
    </Layout.Header>
  );
}
