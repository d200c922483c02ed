import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../api/users';
import { RoleTag } from '../../components/status-tags';
import { UserRowActions } from './components/user-row-actions';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** Department tags, the main department highlighted. */
function DepartmentTags(props: { user: UserRow; names: Map<number, string> }) {
  const { departmentIds, mainDepartmentId } = props.user;
  if (departmentIds.length === 0) return dash;
  return (
    <Space size={[4, 4]} wrap style={{ maxWidth: 280 }}>
      {departmentIds.map((id) => (
        <Tag key={id} color={id === mainDepartmentId ? 'blue' : undefined}>
          {props.names.get(id) ?? `#${id}`}
        </Tag>
      ))}
    </Space>
  );
}

/** 多租户账号 / 平台管理员: why some of the account is not this tenant's to edit. */
function OwnershipTag({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  if (user.ownership !== 'shared' && user.ownership !== 'platform_admin') return null;
  return (
    <Tooltip title={t(`users.ownership.${user.ownership}`)}>
      <Tag
        color={user.ownership === 'shared' ? 'purple' : 'gold'}
        data-testid={`user-ownership-${user.ownership}`}
      >
        {t(`users.ownership.tag.${user.ownership}`)}
      </Tag>
    </Tooltip>
  );
}

export function useUserColumns(opts: {
  departmentNames: Map<number, string>;
  onEdit: (user: UserRow) => void;
  onChanged: () => void;
}): TableColumnsType<UserRow> {
  const { t } = useTranslation();
  return [
    {
      title: t('users.username'),
      key: 'username',
      render: (_, user) => (
        <Space size={4}>
          {user.username}
          <OwnershipTag user={user} />
        </Space>
      ),
    },
    { title: t('users.realname'), dataIndex: 'realname', key: 'realname' },
    {
      title: t('users.departments'),
      key: 'departments',
      render: (_, user) => <DepartmentTags user={user} names={opts.departmentNames} />,
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (role: UserRow['role']) => <RoleTag role={role} />,
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: number) => (
        <Tag color={status === 2 ? 'red' : 'green'}>{t(`status.user.${status === 2 ? 2 : 1}`)}</Tag>
      ),
    },
    {
      title: t('users.wechatUserId'),
      dataIndex: 'wechatUserId',
      key: 'wechatUserId',
      render: (value: string | null) => value || dash,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => (
        <UserRowActions user={user} onEdit={opts.onEdit} onChanged={opts.onChanged} />
      ),
    },
  ];
}
