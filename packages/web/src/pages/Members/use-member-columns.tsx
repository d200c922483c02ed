import { App, Button, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/auth';
import { tenantsApi, type MemberRow } from '../../api/tenants';
import { useSession } from '../../app/session';
import { MembershipStatusTag } from '../../components/status-tags';
import { useApiError } from '../../components/use-api-error';
import { formatTime } from '../../components/format';

export function useMemberColumns(onChanged: () => void): TableColumnsType<MemberRow> {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const { me } = useSession();

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (error) {
      report(error);
    }
  };

  const actions = (row: MemberRow) => {
    if (row.status === 3) {
      return (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => void run(() => tenantsApi.approve(row.userId), t('members.approved'))}
          >
            {t('members.approve')}
          </Button>
          <Popconfirm
            title={t('members.refuseConfirm', { name: row.realname || row.username })}
            onConfirm={() => run(() => tenantsApi.refuse(row.userId), t('members.refused'))}
          >
            <Button type="link" size="small" danger>
              {t('members.refuse')}
            </Button>
          </Popconfirm>
        </Space>
      );
    }
    if (row.status !== 1) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Select<Role>
        size="small"
        value={row.role}
        style={{ width: 120 }}
        aria-label={t('members.role')}
        disabled={row.userId === me?.userInfo.id}
        options={[
          { value: 'member', label: t('roles.member') },
          { value: 'admin', label: t('roles.admin') },
        ]}
        onChange={(role) =>
          void run(() => tenantsApi.setRole(row.userId, role), t('members.roleChanged'))
        }
      />
    );
  };

  return [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.realname'), dataIndex: 'realname', key: 'realname' },
    {
      title: t('members.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: MemberRow['status'], row) => (
        <Space size={4}>
          <MembershipStatusTag status={status} />
          {row.frozen && <Tag color="red">{t('status.user.2')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('members.since'),
      key: 'since',
      render: (_, row) => formatTime(row.createdAt, i18n.language),
    },
    {
      title: t('members.roleOrReview'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => actions(row),
    },
  ];
}
