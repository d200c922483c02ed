import { App, Button, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  messagesApi,
  type MessageDetail,
  type MessageRecord,
  type RecipientOutcome,
} from '../../../api/messages';
import { useApiError } from '../../../components/use-api-error';
import { usePagedList } from '../../../components/use-paged-list';
import { DetailDrawer } from './message-detail';
import { OutcomeTag, StatusTag } from './tags';

function useLogColumns(
  onOpen: (id: number) => void,
  onRecall: (id: number) => void,
): ColumnsType<MessageRecord> {
  const { t, i18n } = useTranslation();
  return [
    {
      title: t('messages.columns.time'),
      dataIndex: 'createdAt',
      render: (v: string) => new Date(v).toLocaleString(i18n.language),
    },
    {
      title: t('messages.columns.type'),
      dataIndex: 'msgtype',
      render: (v: string) => t(`messages.msgtype.${v}`),
    },
    { title: t('messages.columns.summary'), dataIndex: 'summary', ellipsis: true },
    {
      title: t('messages.columns.receivers'),
      key: 'target',
      render: (_, r) =>
        r.target.toAll
          ? t('messages.everyone')
          : [...r.target.toUsers, ...r.target.toDepartments.map((d) => `#${d}`)]
              .slice(0, 3)
              .join(', ') +
            (r.target.toUsers.length + r.target.toDepartments.length > 3 ? ' …' : ''),
    },
    { title: t('messages.columns.sender'), dataIndex: 'senderUsername' },
    {
      title: t('messages.columns.source'),
      dataIndex: 'source',
      render: (v: string) => t(`messages.source.${v}`),
    },
    {
      title: t('messages.columns.status'),
      key: 'status',
      render: (_, r) => <StatusTag record={r} />,
    },
    {
      title: t('messages.columns.outcomes'),
      key: 'counts',
      render: (_, r) => (
        <Space size={4} wrap>
          {(Object.entries(r.counts) as [RecipientOutcome, number][])
            .filter(([, n]) => n > 0)
            .map(([o, n]) => (
              <OutcomeTag key={o} outcome={o} count={n} />
            ))}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space>
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
      ),
    },
  ];
}

/** The message log: outcome counts per message, details per recipient, recall. */
export function MessageLog({ version }: { version: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const list = usePagedList(messagesApi.list, { version });
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
      <Table<MessageRecord>
        rowKey="id"
        data-testid="message-log"
        columns={useLogColumns(
          (id) => void open(id),
          (id) => void recall(id),
        )}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
      <DetailDrawer detail={detail} onClose={() => setDetail(null)} />
    </>
  );
}
