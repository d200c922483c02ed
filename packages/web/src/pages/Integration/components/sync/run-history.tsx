import { Button, Modal, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { syncApi, type SyncRun } from '../../../../api/sync';
import { formatTime } from '../../../../components/format';
import { usePagedList } from '../../../../components/use-paged-list';
import { RunCounts, RunResult, RunStatusTag } from './run-view';

/** Past runs, newest first; a run opens its per-item result. Refetched when a run is closed. */
export function RunHistory() {
  const { t, i18n } = useTranslation();
  const list = usePagedList(
    'syncRuns',
    (q) => syncApi.runs({ page: q.page, pageSize: q.pageSize }),
    {},
  );
  const [shown, setShown] = useState<SyncRun | null>(null);
  const columns: ColumnsType<SyncRun> = [
    { title: t('sync.historyCols.id'), dataIndex: 'id', width: 70 },
    {
      title: t('sync.historyCols.time'),
      dataIndex: 'createdAt',
      width: 180,
      render: (v: string) => formatTime(v, i18n.language),
    },
    {
      title: t('sync.historyCols.trigger'),
      dataIndex: 'trigger',
      width: 90,
      render: (v: string) => t(`sync.trigger.${v}`),
    },
    {
      title: t('sync.historyCols.status'),
      dataIndex: 'status',
      width: 110,
      render: (v: string) => <RunStatusTag status={v} />,
    },
    {
      title: t('sync.historyCols.counts'),
      key: 'counts',
      render: (_, r) => <RunCounts counts={r.counts} />,
    },
    {
      title: '',
      key: 'view',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setShown(r)}>
          {t('sync.historyCols.view')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table
        data-testid="sync-history"
        rowKey="id"
        size="small"
        columns={columns}
        loading={list.loading}
        dataSource={list.data.records}
        pagination={{ ...list.pagination, size: 'small' }}
      />
      <Modal
        open={shown !== null}
        width={900}
        title={t('sync.resultTitle')}
        footer={null}
        onCancel={() => setShown(null)}
        destroyOnHidden
      >
        {shown && <RunResult run={shown} />}
      </Modal>
    </>
  );
}
