import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditEntry, type AuditFilters } from '../../api/audit';
import { useSession } from '../../app/session';
import { PageCard } from '../../components/page-card';
import { usePagedList } from '../../components/use-paged-list';
import { AuditFiltersBar } from './components/audit-filters';
import { AuditDetails, useAuditColumns } from './components/use-audit-columns';

/**
 * 审计日志: the current tenant's audit trail for its admins; platform administrators read every
 * tenant's (tenant column and filter). Filters, pages, expandable details, CSV export.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const { isPlatformAdmin } = useSession();
  const list = usePagedList<AuditEntry, AuditFilters>('audit', auditApi.list, {});
  const columns = useAuditColumns(isPlatformAdmin);
  return (
    <PageCard testId="audit-page" title={t('audit.title')} description={t('audit.description')}>
      <AuditFiltersBar
        filters={list.filters}
        onChange={list.setFilters}
        showTenant={isPlatformAdmin}
      />
      <Table<AuditEntry>
        rowKey="id"
        data-testid="audit-table"
        columns={columns}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (entry) => <AuditDetails entry={entry} /> }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
    </PageCard>
  );
}
