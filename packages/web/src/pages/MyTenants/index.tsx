import { Alert, Table } from 'antd';
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
  // A WeCom sign-in works in its tenant only: no switching, joining or quitting.
  const scoped = session.scopeTenantId !== null;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
      <PageCard
        testId="my-tenants-page"
        title={t('myTenants.title')}
        description={t('myTenants.description')}
      >
        {scoped && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="scoped-session-notice"
            title={t('account.scoped.notice', { tenant: session.currentTenant?.name ?? '' })}
          />
        )}
        <Table<TenantMembership>
          rowKey="id"
          columns={columns}
          dataSource={(session.me?.tenantList ?? []).filter(
            (x) => !scoped || x.id === session.scopeTenantId,
          )}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('myTenants.empty') }}
        />
      </PageCard>
      {!scoped && (
        <PageCard title={t('myTenants.joinTitle')} description={t('myTenants.joinDescription')}>
          <JoinTenantForm onJoined={() => void session.refresh()} />
        </PageCard>
      )}
    </div>
  );
}
