import { Alert, Button, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminToolsApi, BATCH_MAX } from '../../../api/admin-tools';
import type { MembershipStatus } from '../../../api/auth';
import type { Paged } from '../../../api/client';
import type { MemberRow } from '../../../api/tenants';
import { useBatchAction } from '../../../components/admin-tools/use-batch-action';
import { useMemberColumns } from '../use-member-columns';
import { useInvalidate } from '../../../api/use-query-scope';

export interface MemberFilters {
  status?: MembershipStatus | undefined;
  keyword?: string | undefined;
}

interface MemberList {
  data: Paged<MemberRow>;
  loading: boolean;
  filters: MemberFilters;
  pagination: object;
  reload: () => Promise<void>;
}

/** Pending requests need an answer, so they come first within the page. */
function pendingFirst(rows: MemberRow[]): MemberRow[] {
  return [...rows].sort((a, b) => Number(b.status === 3) - Number(a.status === 3));
}

/** The members table; pending rows can be selected and approved or refused together. */
export function MembersTable({ list }: { list: MemberList }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<number[]>([]);
  const batch = useBatchAction();
  const invalidate = useInvalidate();
  const columns = useMemberColumns(() => void list.reload());
  const rows = list.data.records;
  // A reload (or another page) keeps only what is still shown and still pending.
  useEffect(() => {
    setSelected((s) => s.filter((id) => rows.some((r) => r.userId === id && r.status === 3)));
  }, [rows]);
  const nameOf = (id: number) => {
    const r = rows.find((x) => x.userId === id);
    return r ? `${r.realname || r.username} (${r.username})` : `#${id}`;
  };
  const review = (action: 'approve' | 'refuse') =>
    batch({
      title: t(`adminTools.members.${action}Confirm`, { count: selected.length }),
      okText: t(`members.${action}`),
      danger: action === 'refuse',
      ids: selected,
      nameOf,
      call: (ids) => adminToolsApi.reviewMembers(action, ids),
      onDone: () => {
        setSelected([]);
        void invalidate('memberReviewed');
      },
    });
  const tooMany = selected.length > BATCH_MAX;

  return (
    <>
      {selected.length > 0 && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          data-testid="members-batch-bar"
          message={
            <Space wrap>
              <span>{t('adminTools.selected', { count: selected.length })}</span>
              <Button
                type="primary"
                size="small"
                disabled={tooMany}
                onClick={() => review('approve')}
                data-testid="members-batch-approve"
              >
                {t('adminTools.members.approveSelected')}
              </Button>
              <Button
                danger
                size="small"
                disabled={tooMany}
                onClick={() => review('refuse')}
                data-testid="members-batch-refuse"
              >
                {t('adminTools.members.refuseSelected')}
              </Button>
              <Button type="link" size="small" onClick={() => setSelected([])}>
                {t('adminTools.clearSelection')}
              </Button>
            </Space>
          }
        />
      )}
      <Table<MemberRow>
        rowKey="userId"
        columns={columns}
        dataSource={pendingFirst(rows)}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          // Only requests waiting for approval (审核中) can be decided in a batch.
          getCheckboxProps: (row) => ({
            disabled: row.status !== 3,
            'aria-label': t('adminTools.selectRow', { name: row.realname || row.username }),
          }),
        }}
        pagination={{
          ...list.pagination,
          showTotal: (total: number) => t('common.total', { total }),
        }}
      />
    </>
  );
}
