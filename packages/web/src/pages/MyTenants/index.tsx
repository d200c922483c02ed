import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TenantMembership } from '../../api/auth';
import { useSession } from '../../app/session';
import { PageCard } from '../../components/page-card';
import { JoinTenantForm } from './components/join-tenant-form';
import { useMyTenantColumns } from './use-my-tenant-columns';

/** The caller's memberships: switch, quit, and join another tenant by its house number. */
export function MyTenantsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const columns = useMyTenantColumns();

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
          dataSource={session.me?.tenantList ?? []}
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
