import { App, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
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

const STATUS_COLORS: Record<string, string> = {
  sent: 'green',
  partial: 'gold',
  failed: 'red',
  not_sent: 'default',
  sending: 'blue',
  recalled: 'purple',
};
const OUTCOME_COLORS: Record<RecipientOutcome, string> = {
  delivered: 'green',
  invalid: 'red',
  unbound: 'default',
  throttled: 'orange',
  failed: 'red',
  pending: 'blue',
};

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
      render: (_, r) => {
        const s = r.recalledAt ? 'recalled' : r.status;
        return <Tag color={STATUS_COLORS[s]}>{t(`messages.status.${s}`)}</Tag>;
      },
    },
    {
      title: t('messages.columns.outcomes'),
      key: 'counts',
      render: (_, r) => (
        <Space size={4} wrap>
          {(Object.entries(r.counts) as [RecipientOutcome, number][])
            .filter(([, n]) => n > 0)
            .map(([o, n]) => (
              <Tag key={o} color={OUTCOME_COLORS[o]}>
                {t(`messages.outcome.${o}`)} {n}
              </Tag>
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

function DetailDrawer({ detail, onClose }: { detail: MessageDetail | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const explanation = detail?.error?.explanation?.[i18n.language === 'en' ? 'en' : 'zh-CN'];
  return (
    <Drawer
      open={detail !== null}
      onClose={onClose}
      size="large"
      title={detail ? t('messages.detailTitle', { id: detail.id }) : ''}
    >
      {detail && (
        <>
          {detail.error && (
            <Typography.Paragraph type="danger">
              {t('messages.error', {
                errcode: detail.error.errcode,
                title: explanation?.title ?? detail.error.errmsg,
                fix: explanation?.fix ?? '',
              })}
            </Typography.Paragraph>
          )}
          <pre style={{ background: '#fafafa', padding: 12, whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(detail.content, null, 2)}
          </pre>
          <Table
            rowKey="username"
            size="small"
            dataSource={detail.recipients}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: t('messages.columns.username'), dataIndex: 'username' },
              {
                title: t('messages.columns.wechatUserId'),
                dataIndex: 'wechatUserId',
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('messages.columns.outcome'),
                dataIndex: 'outcome',
                render: (o: RecipientOutcome) => (
                  <Tag color={OUTCOME_COLORS[o]}>{t(`messages.outcome.${o}`)}</Tag>
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
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
