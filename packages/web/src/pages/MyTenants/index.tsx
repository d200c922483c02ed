import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TenantMembership } from '../../api/auth';
import { tenantsApi } from '../../api/tenants';
import { useSession } from '../../app/session';
import { PageCard } from '../../components/page-card';
import { MembershipStatusTag, RoleTag } from '../../components/status-tags';
import { useApiError } from '../../components/use-api-error';
import { JoinTenantForm } from './components/join-tenant-form';

/** The caller's memberships: switch, quit, and join another tenant by its house number. */
export function MyTenantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const session = useSession();
  const [busy, setBusy] = useState<number | null>(null);
  const rows = session.me?.tenantList ?? [];

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

  const columns: TableColumnsType<TenantMembership> = [
    {
      title: t('tenants.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Space size={8}>
          <span>{name}</span>
          {row.id === session.tenantId && <Tag color="blue">{t('myTenants.current')}</Tag>}
        </Space>
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
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) =>
        row.status !== 1 ? (
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
        ),
    },
  ];

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
      <PageCard
        testId="my-tenants-page"
        title={t('myTenants.title')}
        description={t('myTenants.description')}
      >
        <Table<TenantMembership>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('myTenants.empty') }}
        />
      </PageCard>
      <PageCard title={t('myTenants.joinTitle')} description={t('myTenants.joinDescription')}>
        <JoinTenantForm onJoined={() => void session.refresh()} />
      </PageCard>
    </div>
  );
}
