import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { apiKeysApi, type ApiKeyRow } from '../../api/api-keys';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';
import { PageCard } from '../../components/page-card';
import { usePagedList } from '../../components/use-paged-list';
import { CreateApiKeyModal } from './components/create-api-key-modal';
import { useApiKeyColumns } from './use-api-key-columns';

/** API 密钥: keys other systems use instead of a person's session (tenant admins only). */
export function ApiKeysPage() {
  const { isTenantAdmin, tenantId } = useSession();
  return isTenantAdmin && tenantId !== null ? (
    <ApiKeysView />
  ) : (
    <Navigate to={paths.myTenants} replace />
  );
}

function ApiKeysView() {
  const { t } = useTranslation();
  const { scopeTenantId } = useSession();
  const [creating, setCreating] = useState(false);
  const list = usePagedList<ApiKeyRow, object>(apiKeysApi.list, {});
  const columns = useApiKeyColumns(() => void list.reload());
  // A WeCom sign-in cannot create keys (the server says 403); say so before the admin tries.
  const connectorSession = scopeTenantId !== null;

  return (
    <PageCard
      testId="api-keys-page"
      title={t('apiKeys.title')}
      description={t('apiKeys.description')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={connectorSession}
          onClick={() => setCreating(true)}
          data-testid="create-api-key"
        >
          {t('apiKeys.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('apiKeys.details')}</Typography.Paragraph>
      {connectorSession && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('apiKeys.connectorSession')}
        />
      )}
      <Table<ApiKeyRow>
        rowKey="id"
        columns={columns}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: t('apiKeys.empty') }}
      />
      <CreateApiKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void list.reload()}
      />
    </PageCard>
  );
}
