import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  HomeOutlined,
  KeyOutlined,
  MessageOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Badge, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../paths';
import { useSession } from '../session';
import { usePendingApprovals } from './use-pending-approvals';

type Item = Required<MenuProps>['items'][number];

/** The label of 成员管理 with the number of requests waiting for approval (审核中). */
function MembersLabel({ pending }: { pending: number | null }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      {t('menu.members')}
      {pending !== null && pending > 0 && (
        <Badge
          count={pending}
          size="small"
          title={t('shell.pendingBadge', { count: pending })}
          data-testid="pending-badge"
        />
      )}
    </span>
  );
}

/** The admin menu; `onNavigate` lets the phone drawer close once a page was chosen. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { isTenantAdmin, isPlatformAdmin, tenantId } = useSession();
  const inTenant = tenantId !== null;
  // Asked once here, not in the label: the menu may render a label more than once.
  const pending = usePendingApprovals();

  const system: Item[] = [
    inTenant &&
      isTenantAdmin && { key: paths.users, icon: <UserOutlined />, label: t('menu.users') },
    inTenant &&
      isTenantAdmin && {
        key: paths.departments,
        icon: <ApartmentOutlined />,
        label: t('menu.departments'),
      },
    inTenant &&
      isTenantAdmin && {
        key: paths.members,
        icon: <AuditOutlined />,
        label: <MembersLabel pending={pending} />,
      },
    inTenant &&
      isTenantAdmin && {
        key: paths.messages,
        icon: <MessageOutlined />,
        label: t('messages.menu'),
      },
    inTenant &&
      isTenantAdmin && { key: paths.audit, icon: <FileSearchOutlined />, label: t('audit.menu') },
    isTenantAdmin && { key: paths.apiKeys, icon: <KeyOutlined />, label: t('apiKeys.menu') },
    isPlatformAdmin && { key: paths.tenants, icon: <BankOutlined />, label: t('menu.tenants') },
    { key: paths.myTenants, icon: <HomeOutlined />, label: t('menu.myTenants') },
  ].filter((item): item is Exclude<typeof item, false> => Boolean(item));

  const items: Item[] = [
    { key: paths.home, icon: <DashboardOutlined />, label: t('shell.home') },
    { key: 'system', icon: <SettingOutlined />, label: t('menu.system'), children: system },
  ];
  if (inTenant && isTenantAdmin) {
    items.push({
      key: 'third-app',
      icon: <ApiOutlined />,
      label: t('menu.thirdApp'),
      children: [
        { key: paths.wecom, icon: <TeamOutlined />, label: t('menu.wecom') },
        { key: paths.dingtalk, icon: <TeamOutlined />, label: t('menu.dingtalk') },
      ],
    });
  }

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[location.pathname]}
      defaultOpenKeys={['system', 'third-app']}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
