import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { App, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchItem, BatchResult } from '../../api/admin-tools';
import { useApiError } from '../use-api-error';

interface BatchAction {
  /** Confirmation title; it should name the count. */
  title: string;
  content?: string;
  okText: string;
  danger?: boolean;
  ids: number[];
  nameOf: (id: number) => string;
  call: (ids: number[]) => Promise<BatchResult>;
  /** After the request (applied or not): reload the list, clear the selection. */
  onDone: () => void;
}

/** Each item of a batch answer: applied, or why not (the single action's error, translated). */
function Outcomes({ items, nameOf }: { items: BatchItem[]; nameOf: (id: number) => string }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      style={{ maxHeight: 320, overflow: 'auto' }}
      dataSource={items}
      data-testid="batch-outcomes"
      renderItem={(item) => (
        <List.Item data-testid={`batch-outcome-${item.id}`} style={{ gap: 12 }}>
          <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {item.ok ? (
              <CheckCircleFilled style={{ color: '#237804', marginRight: 8 }} aria-hidden />
            ) : (
              <CloseCircleFilled style={{ color: '#a8071a', marginRight: 8 }} aria-hidden />
            )}
            {nameOf(item.id)}
          </span>
          <Typography.Text type={item.ok ? undefined : 'danger'} style={{ flexShrink: 0 }}>
            {item.ok
              ? t('adminTools.batch.itemDone')
              : t(`errors.${item.errorCode ?? ''}`, { defaultValue: item.message ?? '' })}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/**
 * A batch action: a confirmation naming the count, one request, then the outcome of every item
 * (a toast when all were applied, the list of refusals otherwise).
 */
export function useBatchAction() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { report } = useApiError();

  return (a: BatchAction) => {
    modal.confirm({
      title: a.title,
      content: a.content,
      okText: a.okText,
      okButtonProps: { danger: a.danger ?? false, 'data-testid': 'batch-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const result = await a.call(a.ids);
          a.onDone();
          if (result.failed === 0) {
            void message.success(t('adminTools.batch.allDone', { count: result.done }));
            return;
          }
          modal.warning({
            title: t('adminTools.batch.someRefused', {
              done: result.done,
              failed: result.failed,
            }),
            content: <Outcomes items={result.items} nameOf={a.nameOf} />,
            okText: t('adminTools.batch.close'),
            okButtonProps: { 'data-testid': 'batch-outcomes-close' },
            width: 520,
          });
        } catch (error) {
          report(error);
        }
      },
    });
  };
}
