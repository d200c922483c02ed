import { Input, Segmented, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MembershipStatus } from '../../api/auth';
import { tenantsApi, type MemberRow } from '../../api/tenants';
import { PageCard } from '../../components/page-card';
import { usePagedList } from '../../components/use-paged-list';
import { useMemberColumns } from './use-member-columns';

interface Filters {
  status?: MembershipStatus | undefined;
  keyword?: string | undefined;
}

const FILTERS: Array<MembershipStatus | 'all'> = ['all', 3, 1, 2, 4];

/** Pending requests need an answer, so they come first within the page. */
function pendingFirst(rows: MemberRow[]): MemberRow[] {
  return [...rows].sort((a, b) => Number(b.status === 3) - Number(a.status === 3));
}

export function MembersPage() {
  const { t } = useTranslation();
  const list = usePagedList<MemberRow, Filters>('members', tenantsApi.members, {});
  const columns = useMemberColumns();

  return (
    <PageCard
      testId="members-page"
      title={t('members.title')}
      description={t('members.description')}
    >
      <Space wrap size={12} style={{ marginBottom: 16 }}>
        <Segmented<MembershipStatus | 'all'>
          value={list.filters.status ?? 'all'}
          options={FILTERS.map((value) => ({
            value,
            label: value === 'all' ? t('common.all') : t(`status.membership.${value}`),
          }))}
          onChange={(value) => list.setFilters({ status: value === 'all' ? undefined : value })}
          data-testid="members-status-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('members.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={(keyword) => list.setFilters({ keyword: keyword.trim() || undefined })}
        />
      </Space>
      <Table<MemberRow>
        rowKey="userId"
        columns={columns}
        dataSource={pendingFirst(list.data.records)}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
    </PageCard>
  );
}
