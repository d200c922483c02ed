import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TenantMembership } from '../../api/auth';
import { tenantsApi } from '../../api/tenants';
import { useSession } from '../../app/session';
import { MembershipStatusTag, RoleTag } from '../../components/status-tags';
import { useApiError } from '../../components/use-api-error';

/** Switch and quit, for active memberships only; the session is reloaded after either. */
function useMembershipActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const session = useSession();
  const [busy, setBusy] = useState<number | null>(null);

  const act = async (tenantId: number, action: () => Promise<unknown>, done?: string) => {
    setBusy(tenantId);
    try {
      await action();
      if (done) void message.success(done);
      await session.refresh();
    } catch (error) {
      report(error);
    } finally {
      setBusy(null);
    }
  };

  return (row: TenantMembership) =>
    session.scopeTenantId !== null ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : row.status !== 1 ? (
      <Typography.Text type="secondary">
        {row.status === 3 ? t('myTenants.waiting') : '—'}
      </Typography.Text>
    ) : (
      <Space size={0}>
        <Button
          type="link"
          size="small"
          disabled={row.id === session.tenantId}
          loading={busy === row.id}
          onClick={() => void act(row.id, () => session.switchTenant(row.id))}
        >
          {t('myTenants.switch')}
        </Button>
        <Popconfirm
          title={t('myTenants.quitConfirm', { name: row.name })}
          description={t('myTenants.quitHint')}
          okButtonProps={{ danger: true }}
          onConfirm={() => act(row.id, () => tenantsApi.quit(row.id), t('myTenants.quitted'))}
        >
          <Button type="link" size="small" danger>
            {t('myTenants.quit')}
          </Button>
        </Popconfirm>
      </Space>
    );
}

export function useMyTenantColumns(): TableColumnsType<TenantMembership> {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const actions = useMembershipActions();
  return [
    {
      title: t('tenants.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Space size={8}>
          <span>{name}</span>
          {row.id === tenantId && <Tag color="blue">{t('myTenants.current')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('myTenants.tenantId'),
      dataIndex: 'id',
      key: 'id',
      render: (id: number) => (
        <Typography.Text copyable={{ text: String(id) }}>{id}</Typography.Text>
      ),
    },
    {
      title: t('tenants.houseNumber'),
      dataIndex: 'houseNumber',
      key: 'houseNumber',
      render: (value: string) => <Typography.Text code>{value}</Typography.Text>,
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      key: 'role',
      render: (role: TenantMembership['role']) => <RoleTag role={role} />,
    },
    {
      title: t('members.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: TenantMembership['status']) => <MembershipStatusTag status={status} />,
    },
    { title: t('common.actions'), key: 'actions', render: (_, row) => actions(row) },
  ];
}
