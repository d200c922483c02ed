import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, InputNumber, Select, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi, type AuditFilters } from '../../../api/audit';
import { queryKeys } from '../../../api/query-keys';
import { useQueryScope } from '../../../api/use-query-scope';
import { useApiError } from '../../../components/use-api-error';
import { useReportQueryError } from '../../../components/use-paged-list';
import { useActionLabel } from './use-audit-columns';

const NO_ACTIONS: string[] = [];

/** A local calendar day's start as an ISO instant; `next` gives the following day's start. */
function dayStart(day: string, next = false): string {
  const at = new Date(`${day}T00:00:00`);
  if (next) at.setDate(at.getDate() + 1);
  return at.toISOString();
}

/** Action, actor, date range (local days), and for platform administrators a tenant; export. */
export function AuditFiltersBar(props: {
  filters: AuditFilters;
  onChange: (next: Partial<AuditFilters>) => void;
  showTenant: boolean;
}) {
  const { t } = useTranslation();
  const { report } = useApiError();
  const label = useActionLabel();
  const actionsQuery = useQuery({
    queryKey: queryKeys.auditActions(useQueryScope()),
    queryFn: () => auditApi.actions(),
  });
  useReportQueryError(actionsQuery.error);
  const actions = actionsQuery.data ?? NO_ACTIONS;
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      await auditApi.exportCsv(props.filters);
    } catch (error) {
      report(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    // A wrapping row whose controls never grow wider than the page (phones: one per line).
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
      <Select
        allowClear
        showSearch
        aria-label={t('audit.filters.action')}
        data-testid="audit-action-filter"
        placeholder={t('audit.filters.action')}
        style={{ width: 240, maxWidth: '100%' }}
        optionFilterProp="label"
        value={props.filters.action}
        options={actions.map((a) => ({ value: a, label: label(a) }))}
        onChange={(action?: string) => props.onChange({ action })}
      />
      <Input.Search
        allowClear
        data-testid="audit-actor-filter"
        placeholder={t('audit.filters.actor')}
        style={{ width: 260, maxWidth: '100%' }}
        onSearch={(actor) => props.onChange({ actor: actor.trim() || undefined })}
      />
      <DatePicker.RangePicker
        data-testid="audit-range-filter"
        style={{ maxWidth: '100%' }}
        placeholder={[t('audit.filters.from'), t('audit.filters.to')]}
        onChange={(_, [from, to]) =>
          props.onChange({
            from: from ? dayStart(from) : undefined,
            to: to ? dayStart(to, true) : undefined,
          })
        }
      />
      {props.showTenant && (
        <InputNumber
          min={0}
          precision={0}
          data-testid="audit-tenant-filter"
          placeholder={t('audit.filters.tenant')}
          style={{ width: 200, maxWidth: '100%' }}
          onChange={(v) => props.onChange({ tenantId: typeof v === 'number' ? v : undefined })}
        />
      )}
      <Tooltip title={t('audit.exportHint')}>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportCsv()}
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
      </Tooltip>
    </div>
  );
}
