import { adminToolsApi } from '../../../../api/admin-tools';
import { ExportButton } from '../../../../components/admin-tools/export-button';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { syncApi, type RunItem, type SyncRun } from '../../../../api/sync';
import { useApiError } from '../../../../components/use-api-error';
import { runErrorText } from './sync-error';

const STATUS_COLOR: Record<string, string> = {
  succeeded: 'green',
  failed: 'red',
  needs_confirmation: 'orange',
  running: 'blue',
};

const OUTCOME_COLOR: Record<string, string> = {
  ok: 'green',
  failed: 'red',
  skipped: 'default',
  awaiting: 'orange',
};

export function RunStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`sync.runStatus.${status}`)}</Tag>;
}

/** Non-zero counts as "label: n" pairs. */
export function RunCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const shown = Object.entries(counts).filter(([k, v]) => v > 0 && k !== 'writes');
  return (
    <Space wrap size={4}>
      {shown.map(([k, v]) => (
        <Tag key={k} color={k === 'failed' ? 'red' : undefined}>
          {t(`sync.counts.${k}`, { defaultValue: k })}: {v}
        </Tag>
      ))}
    </Space>
  );
}

export function RunProgress({
  run,
  onConfirm,
  onCancel,
}: {
  run: SyncRun;
  onConfirm: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const percent =
    run.progress.total > 0
      ? Math.floor((run.progress.done / run.progress.total) * 100)
      : run.status === 'running'
        ? 0
        : 100;
  return (
    <Space
      direction="vertical"
      style={{ width: '100%' }}
      data-testid="sync-progress"
      data-status={run.status}
    >
      <Typography.Text>
        {t(`sync.phase.${run.progress.phase}`, { defaultValue: run.progress.phase })} ·{' '}
        {run.progress.done} / {run.progress.total}
      </Typography.Text>
      <Progress
        percent={percent}
        status={
          run.status === 'failed' ? 'exception' : run.status === 'running' ? 'active' : 'normal'
        }
        aria-label={t('sync.progressTitle')}
      />
      {run.status === 'needs_confirmation' && (
        <Alert
          type="warning"
          showIcon
          message={t('sync.needsConfirmation')}
          description={runErrorText(t, run.error)}
          action={
            <Space direction="vertical">
              <Button type="primary" onClick={onConfirm}>
                {t('sync.confirmRun')}
              </Button>
              {onCancel && (
                <Button onClick={onCancel} data-testid="sync-cancel-run">
                  {t('syncCancel.button')}
                </Button>
              )}
            </Space>
          }
        />
      )}
    </Space>
  );
}

function useItemColumns(): ColumnsType<RunItem> {
  const { t } = useTranslation();
  return [
    {
      title: t('sync.items.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: string) => t(`sync.items.${k}`),
    },
    {
      title: t('sync.items.target'),
      key: 'target',
      // A link request's item names nobody (the owner has not accepted): the userid alone.
      render: (_, i) => (i.label ? `${i.label} (${i.extId})` : i.extId),
    },
    {
      title: t('sync.items.outcome'),
      key: 'outcome',
      width: 90,
      // A link request is sent, not a binding made: it waits for the account's owner.
      render: (_, i) => (
        <Tag color={OUTCOME_COLOR[i.reason === 'awaiting_owner' ? 'awaiting' : i.outcome]}>
          {t(`sync.items.${i.reason === 'awaiting_owner' ? 'awaiting' : i.outcome}`)}
        </Tag>
      ),
    },
    {
      title: t('sync.items.reason'),
      key: 'reason',
      render: (_, i) => (
        <span>
          {t(`sync.reasons.${i.reason}`, { defaultValue: i.reason })}
          {i.providerCode !== null && ` (errcode ${i.providerCode})`}
          {i.message && <Typography.Text type="secondary"> — {i.message}</Typography.Text>}
        </span>
      ),
    },
  ];
}

/** Counts, the error if any, and every item: successes and failures. */
export function RunResult({ run }: { run: SyncRun }) {
  const { t } = useTranslation();
  const { report } = useApiError();
  const { modal } = App.useApp();
  const [outcome, setOutcome] = useState<'all' | 'failed'>(run.counts.failed ? 'failed' : 'all');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ records: RunItem[]; total: number }>({
    records: [],
    total: 0,
  });
  const columns = useItemColumns();
  useEffect(() => {
    syncApi
      .items(run.id, { outcome: outcome === 'failed' ? 'failed' : undefined, page, pageSize: 10 })
      .then(setData, report);
  }, [run.id, outcome, page, report]);

  async function showPasswords() {
    try {
      const { records } = await syncApi.passwords(run.id);
      modal.info({
        title: t('sync.passwordsTitle'),
        width: 560,
        content: (
          <>
            <Typography.Paragraph>{t('sync.passwordsHint')}</Typography.Paragraph>
            <Typography.Paragraph copyable>
              {records.map((r) => `${r.username}\t${r.password}`).join('\n')}
            </Typography.Paragraph>
          </>
        ),
      });
    } catch (err) {
      report(err);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="sync-result">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('sync.historyCols.status')}>
          <RunStatusTag status={run.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.historyCols.counts')}>
          <RunCounts counts={run.counts} />
        </Descriptions.Item>
      </Descriptions>
      {run.error && run.status === 'failed' && (
        <Alert type="error" showIcon message={runErrorText(t, run.error)} />
      )}
      {run.hasPasswords && <Button onClick={showPasswords}>{t('sync.passwords')}</Button>}
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          value={outcome}
          onChange={(v) => {
            setOutcome(v as 'all' | 'failed');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('sync.items.all') },
            { value: 'failed', label: `${t('sync.items.failed')} (${run.counts.failed ?? 0})` },
          ]}
        />
        <ExportButton
          size="small"
          testId="sync-items-export"
          onExport={() =>
            adminToolsApi.exportRunItems(run.id, {
              outcome: outcome === 'failed' ? 'failed' : undefined,
            })
          }
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.records}
        locale={{ emptyText: outcome === 'failed' ? t('sync.items.empty') : undefined }}
        pagination={{
          current: page,
          total: data.total,
          pageSize: 10,
          showSizeChanger: false,
          onChange: setPage,
          size: 'small',
        }}
      />
    </Space>
  );
}
