import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { App } from 'antd';
import { usersApi, type UserRow } from '../../api/users';
import { useApiError } from '../../components/use-api-error';
import { RoleTag } from '../../components/status-tags';
import { useSession } from '../../app/session';

export function useUserColumns(opts: {
  departmentNames: Map<number, string>;
  onEdit: (user: UserRow) => void;
  onChanged: () => void;
}): TableColumnsType<UserRow> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const { me } = useSession();

  const toggleFreeze = async (user: UserRow) => {
    const frozen = user.status !== 2;
    try {
      await usersApi.freeze(user.id, frozen);
      void message.success(frozen ? t('users.frozenOk') : t('users.unfrozenOk'));
      opts.onChanged();
    } catch (error) {
      report(error);
    }
  };

  const departmentsOf = (user: UserRow) =>
    user.departmentIds.length === 0 ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Space size={[4, 4]} wrap style={{ maxWidth: 280 }}>
        {user.departmentIds.map((id) => (
          <Tag key={id} color={id === user.mainDepartmentId ? 'blue' : undefined}>
            {opts.departmentNames.get(id) ?? `#${id}`}
          </Tag>
        ))}
      </Space>
    );

  return [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.realname'), dataIndex: 'realname', key: 'realname' },
    { title: t('users.departments'), key: 'departments', render: (_, user) => departmentsOf(user) },
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
      render: (status: number) =>
        status === 2 ? (
          <Tag color="red">{t('status.user.2')}</Tag>
        ) : (
          <Tag color="green">{t('status.user.1')}</Tag>
        ),
    },
    {
      title: t('users.wechatUserId'),
      dataIndex: 'wechatUserId',
      key: 'wechatUserId',
      render: (value: string | null) =>
        value || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => opts.onEdit(user)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={user.status === 2 ? t('users.unfreezeConfirm') : t('users.freezeConfirm')}
            description={user.status === 2 ? undefined : t('users.freezeHint')}
            onConfirm={() => toggleFreeze(user)}
          >
            <Button
              type="link"
              size="small"
              danger={user.status !== 2}
              disabled={user.id === me?.userInfo.id}
            >
              {user.status === 2 ? t('users.unfreeze') : t('users.freeze')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
