import { Badge, Input, Segmented, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MembershipStatus } from '../../api/auth';
import { tenantsApi } from '../../api/tenants';
import { usePendingMemberCount } from '../../api/use-member-actions';
import { PageCard } from '../../components/page-card';
import { usePagedList } from '../../components/use-paged-list';
import { MembersTable, type MemberFilters } from './components/members-table';

const FILTERS: Array<MembershipStatus | 'all'> = ['all', 3, 1, 2, 4];
const PENDING: MembershipStatus = 3;

function Members({ pendingAtOpen }: { pendingAtOpen: number }) {
  const { t } = useTranslation();
  const list = usePagedList('members', tenantsApi.members, {
    status: pendingAtOpen > 0 ? PENDING : undefined,
  } as MemberFilters);
  return (
    <>
      <Space
        wrap
        size={12}
        style={{ marginBottom: 16, maxWidth: '100%' }}
        styles={{ item: { maxWidth: '100%' } }}
      >
        {/* Five filters do not fit a phone: they scroll sideways instead of widening the page. */}
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<MembershipStatus | 'all'>
            value={list.filters.status ?? 'all'}
            options={FILTERS.map((value) => ({
              value,
              label:
                value === 'all' ? (
                  t('common.all')
                ) : value === PENDING && pendingAtOpen > 0 ? (
                  <span>
                    {t(`status.membership.${value}`)}{' '}
                    <Badge
                      count={pendingAtOpen}
                      size="small"
                      aria-label={t('adminTools.members.waiting', { count: pendingAtOpen })}
                    />
                  </span>
                ) : (
                  t(`status.membership.${value}`)
                ),
            }))}
            onChange={(value) => list.setFilters({ status: value === 'all' ? undefined : value })}
            data-testid="members-status-filter"
          />
        </div>
        <Input.Search
          allowClear
          aria-label={t('members.searchPlaceholder')}
          placeholder={t('members.searchPlaceholder')}
          style={{ width: 260, maxWidth: '100%' }}
          onSearch={(keyword) => list.setFilters({ keyword: keyword.trim() || undefined })}
        />
      </Space>
      <MembersTable list={list} />
    </>
  );
}

export function MembersPage() {
  const { t } = useTranslation();
  const pending = usePendingMemberCount();
  return (
    <PageCard
      testId="members-page"
      title={t('members.title')}
      description={t('members.description')}
    >
      {pending === undefined ? <Spin /> : <Members pendingAtOpen={pending} />}
    </PageCard>
  );
}
