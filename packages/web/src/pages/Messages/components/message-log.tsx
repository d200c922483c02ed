import { App, Button, Grid, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  messagesApi,
  type MessageDetail,
  type MessageRecord,
  type RecipientOutcome,
} from '../../../api/messages';
import { useApiError } from '../../../components/use-api-error';
import { usePagedList } from '../../../components/use-paged-list';
import { adminToolsApi } from '../../../api/admin-tools';
import { ExportButton } from '../../../components/admin-tools/export-button';
import { DetailDrawer } from './message-detail';
import { OutcomeTag, StatusTag } from './tags';
import { formatTime } from '../../../components/format';

/**
 * Columns sized to fit the page card at 1440 px with nothing behind a horizontal scroll (状态,
 * 接收结果 and 操作 always in view); the content column takes what is left and cuts with an
 * ellipsis. Below `lg` the secondary columns step aside and the table scrolls sideways.
 */
function Outcomes({ record: r }: { record: MessageRecord }) {
  const { t } = useTranslation();
  const shown = (Object.entries(r.counts) as [RecipientOutcome, number][]).filter(([, n]) => n > 0);
  return (
    <Space size={4} wrap>
      {shown.map(([o, n]) => (
        <OutcomeTag key={o} outcome={o} count={n} />
      ))}
      {/* @all names nobody: WeCom expands it, so say that WeCom took it for everyone. */}
      {shown.length === 0 && r.target.toAll && r.msgIds.length > 0 && (
        <Tag color="green">{t('messages.acceptedAll')}</Tag>
      )}
    </Space>
  );
}

function Actions({
  record: r,
  onOpen,
  onRecall,
}: {
  record: MessageRecord;
  onOpen: (id: number) => void;
  onRecall: (id: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onOpen(r.id)}>
        {t('messages.detailsButton')}
      </Button>
      {r.recallable && (
        <Popconfirm title={t('messages.recallConfirm')} onConfirm={() => onRecall(r.id)}>
          <Button type="link" size="small" danger data-testid={`recall-${r.id}`}>
            {t('messages.recall')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function useLogColumns(
  onOpen: (id: number) => void,
  onRecall: (id: number) => void,
  compact: boolean,
): ColumnsType<MessageRecord> {
  const { t } = useTranslation();
  const receivers = (r: MessageRecord) =>
    r.target.toAll
      ? t('messages.everyone')
      : [...r.target.toUsers, ...r.target.toDepartments.map((d) => `#${d}`)]
          .slice(0, 3)
          .join(', ') + (r.target.toUsers.length + r.target.toDepartments.length > 3 ? ' …' : '');
  // Phones: one card-like cell per message (content, time and receivers, status and outcome,
  // actions) instead of a table that only shows its first two columns.
  if (compact)
    return [
      {
        title: t('messages.columns.summary'),
        key: 'message',
        render: (_, r) => (
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Typography.Text ellipsis={{ tooltip: r.summary }} style={{ maxWidth: '100%' }}>
              {r.summary}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(r.createdAt)} · {receivers(r)}
            </Typography.Text>
            <Space size={4} wrap>
              <StatusTag record={r} />
              <Outcomes record={r} />
            </Space>
            <Actions record={r} onOpen={onOpen} onRecall={onRecall} />
          </Space>
        ),
      },
    ];
  return [
    {
      title: t('messages.columns.time'),
      dataIndex: 'createdAt',
      width: 165,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('messages.columns.type'),
      key: 'type',
      width: 100,
      responsive: ['lg'],
      render: (_, r) => (
        <>
          <div>{t(`messages.msgtype.${r.msgtype}`)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`messages.source.${r.source}`)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('messages.columns.summary'),
      dataIndex: 'summary',
      ellipsis: { showTitle: true },
    },
    {
      title: t('messages.columns.receivers'),
      key: 'target',
      width: 130,
      ellipsis: { showTitle: true },
      responsive: ['md'],
      render: (_, r) => receivers(r),
    },
    {
      title: t('messages.columns.sender'),
      dataIndex: 'senderUsername',
      width: 110,
      ellipsis: { showTitle: true },
      responsive: ['xl'],
    },
    {
      title: t('messages.columns.status'),
      key: 'status',
      width: 100,
      render: (_, r) => <StatusTag record={r} />,
    },
    {
      title: t('messages.columns.outcomes'),
      key: 'counts',
      width: 170,
      render: (_, r) => <Outcomes record={r} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, r) => <Actions record={r} onOpen={onOpen} onRecall={onRecall} />,
    },
  ];
}

/** The message log: outcome counts per message, details per recipient, recall. */
export function MessageLog({ version }: { version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const list = usePagedList('messages', messagesApi.list, { version });
  // A message sent from the composer (a new version) is listed at once.
  const { reload } = list;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);
  const screens = Grid.useBreakpoint();
  const [detail, setDetail] = useState<MessageDetail | null>(null);
  const open = async (id: number) => {
    try {
      setDetail(await messagesApi.get(id));
    } catch (error) {
      report(error);
    }
  };
  const recall = async (id: number) => {
    try {
      await messagesApi.recall(id);
      void message.success(t('messages.recalled'));
      void list.reload();
    } catch (error) {
      report(error);
    }
  };
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        {/* The log has no filters yet: the export holds the whole log (up to the cap). */}
        <ExportButton testId="messages-export" onExport={() => adminToolsApi.exportMessages({})} />
      </div>
      <Table<MessageRecord>
        rowKey="id"
        data-testid="message-log"
        columns={useLogColumns(
          (id) => void open(id),
          (id) => void recall(id),
          !screens.md,
        )}
        dataSource={list.data.records}
        loading={list.loading}
        tableLayout="fixed"
        // Fits the card from lg up; tablets scroll sideways; phones get one cell per message.
        scroll={screens.lg || !screens.md ? undefined : { x: 760 }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
      <DetailDrawer detail={detail} onClose={() => setDetail(null)} />
    </>
  );
}
