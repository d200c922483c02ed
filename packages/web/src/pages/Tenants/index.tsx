import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { tenantsApi, type TenantRow } from '../../api/tenants';
import { useSession } from '../../app/session';
import { paths } from '../../app/paths';
import { PageCard } from '../../components/page-card';
import { usePagedList } from '../../components/use-paged-list';
import { CreateTenantModal } from './components/create-tenant-modal';
import { useTenantColumns } from './use-tenant-columns';

interface Filters {
  keyword?: string | undefined;
}

/** Platform administrators only; everyone else is sent to their own tenants. */
export function TenantsPage() {
  const { isPlatformAdmin } = useSession();
  return isPlatformAdmin ? <TenantsView /> : <Navigate to={paths.myTenants} replace />;
}

function TenantsView() {
  const { t } = useTranslation();
  const session = useSession();
  const [creating, setCreating] = useState(false);
  const list = usePagedList<TenantRow, Filters>('tenants', tenantsApi.list, {});

  const columns = useTenantColumns();

  return (
    <PageCard
      testId="tenants-page"
      title={t('tenants.title')}
      description={t('tenants.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tenants.add')}
        </Button>
      }
    >
      <Space wrap size={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('tenants.searchPlaceholder')}
          style={{ width: 260, maxWidth: '100%' }}
          onSearch={(keyword) => list.setFilters({ keyword: keyword.trim() || undefined })}
        />
      </Space>
      <Table<TenantRow>
        rowKey="id"
        columns={columns}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
      <CreateTenantModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          void list.reload();
          void session.refresh();
        }}
      />
    </PageCard>
  );
}
