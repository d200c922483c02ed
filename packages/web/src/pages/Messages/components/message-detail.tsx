import { Descriptions, Drawer, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MessageDetail, RecipientOutcome } from '../../../api/messages';
import { contentToForm } from './build-request';
import { MessagePreview } from './message-preview';
import { OutcomeTag, StatusTag } from './tags';
import { formatTime } from '../../../components/format';

function Facts({ detail }: { detail: MessageDetail }) {
  const { t } = useTranslation();
  const when = (v: string) => formatTime(v);
  const c = (key: string) => t(`messages.columns.${key}`);
  return (
    <Descriptions
      size="small"
      column={2}
      style={{ marginBottom: 16 }}
      items={[
        { key: 'time', label: c('time'), children: when(detail.createdAt) },
        { key: 'type', label: c('type'), children: t(`messages.msgtype.${detail.msgtype}`) },
        { key: 'sender', label: c('sender'), children: detail.senderUsername },
        { key: 'source', label: c('source'), children: t(`messages.source.${detail.source}`) },
        {
          key: 'status',
          label: c('status'),
          children: (
            <>
              <StatusTag record={detail} />
              {detail.recalledAt && when(detail.recalledAt)}
            </>
          ),
        },
        {
          key: 'receivers',
          label: c('receivers'),
          children: detail.target.toAll
            ? t('messages.everyone')
            : [...detail.target.toUsers, ...detail.target.toDepartments.map((d) => `#${d}`)].join(
                ', ',
              ),
        },
      ]}
    />
  );
}

/** One logged message: facts, how it looked, WeCom's error if any, and every recipient's outcome. */
export function DetailDrawer({
  detail,
  onClose,
}: {
  detail: MessageDetail | null;
  onClose: () => void;
}) {
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
          <Facts detail={detail} />
          {detail.error && (
            <Typography.Paragraph type="danger">
              {detail.error.kind === 'outcome_unknown'
                ? // No WeCom errcode: the sender stopped before recording WeCom's answer.
                  [explanation?.title ?? detail.error.errmsg, explanation?.cause, explanation?.fix]
                    .filter(Boolean)
                    .join(' — ')
                : t('messages.error', {
                    errcode: detail.error.errcode,
                    title: explanation?.title ?? detail.error.errmsg,
                    fix: explanation?.fix ?? '',
                  })}
            </Typography.Paragraph>
          )}
          <div style={{ marginBottom: 16 }}>
            <MessagePreview value={contentToForm(detail.content)} />
          </div>
          <Table
            rowKey="username"
            size="small"
            dataSource={detail.recipients}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
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
                render: (o: RecipientOutcome) => <OutcomeTag outcome={o} />,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
