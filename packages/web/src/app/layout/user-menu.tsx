import {
  DownOutlined,
  KeyOutlined,
  LinkOutlined,
  LogoutOutlined,
  UserOutlined,
  WechatWorkOutlined,
} from '@ant-design/icons';
import { Avatar, Badge, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ChangePasswordModal } from '../../components/change-password-modal';
import { useLinkRequests } from '../../pages/LinkRequests/use-link-requests';
import { WeComBindingModal } from '../../pages/WeComBinding/wecom-binding-modal';
import { paths } from '../paths';
import { useSession } from '../session';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, logout } = useSession();
  const links = useLinkRequests();
  const waiting = links.records?.length ?? 0;
  // A WeCom-only member has no password to change: they may set a first one.
  const setting = me?.userInfo.hasPassword === false;
  const [changing, setChanging] = useState(false);
  const [binding, setBinding] = useState(false);
  const name = me?.userInfo.realname || me?.userInfo.username || '';

  const onClick = async (key: string) => {
    if (key === 'password') setChanging(true);
    if (key === 'wecom') setBinding(true);
    if (key === 'link-requests') navigate(paths.linkRequests);
    if (key === 'logout') {
      await logout();
      navigate(paths.login, { replace: true });
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: t(setting ? 'account.setPassword.menu' : 'header.changePassword'),
            },
            { key: 'wecom', icon: <WechatWorkOutlined />, label: t('thirdLogin.binding.menu') },
            // Only the owner signed in with their password may answer (not a WeCom session).
            ...(links.available
              ? [
                  {
                    key: 'link-requests',
                    icon: <LinkOutlined />,
                    label: (
                      <Space size={6}>
                        {t('account.link.menu')}
                        <Badge count={waiting} size="small" />
                      </Space>
                    ),
                  },
                ]
              : []),
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
          ],
          onClick: ({ key }) => void onClick(key),
        }}
      >
        <Button type="text" data-testid="user-menu">
          <Space size={8}>
            <Badge dot={waiting > 0} offset={[-2, 2]}>
              <Avatar size="small" icon={<UserOutlined />} />
            </Badge>
            {!compact && (
              <span
                style={{
                  maxWidth: 140,
                  overflow: 'hidden',
                  textOverflow: 'ellipsis',
                  whiteSpace: 'nowrap',
                  display: 'inline-block',
                  verticalAlign: 'middle',
                }}
              >
                {name}
              </span>
            )}
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </Button>
      </Dropdown>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
      <WeComBindingModal open={binding} onClose={() => setBinding(false)} />
    </>
  );
}
