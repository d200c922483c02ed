import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { AuditActor, AuditEntry } from '../../../api/audit';
import { formatTime } from '../../../components/format';

/** The action's label (audit.json `actions.<area>.<name>`), the raw name for one it does not know. */
export function useActionLabel() {
  const { t } = useTranslation();
  return (action: string) => t(`audit.actions.${action}`, { defaultValue: action });
}

function ActorCell({ actor }: { actor: AuditActor | null }) {
  const { t } = useTranslation();
  if (!actor) return <Typography.Text type="secondary">{t('audit.actor.system')}</Typography.Text>;
  if (actor.type === 'outsider')
    return <Typography.Text type="secondary">{t('audit.actor.outsider')}</Typography.Text>;
  if (actor.type === 'api_key')
    return (
      <span>
        <Tag color="purple">{t('audit.actor.apiKey')}</Tag>
        {actor.name ?? ''} <Typography.Text code>{actor.prefix}</Typography.Text>
      </span>
    );
  return (
    <span>
      {actor.realname ?? ''}{' '}
      <Typography.Text type="secondary">({actor.username ?? `#${actor.id}`})</Typography.Text>
    </span>
  );
}

export function useAuditColumns(showTenant: boolean): ColumnsType<AuditEntry> {
  const { t } = useTranslation();
  const label = useActionLabel();
  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.columns.time'),
      dataIndex: 'time',
      width: 190,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('audit.columns.actor'),
      key: 'actor',
      render: (_, r) => <ActorCell actor={r.actor} />,
    },
    {
      title: t('audit.columns.action'),
      dataIndex: 'action',
      render: (v: string) => (
        <span>
          {label(v)}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {v}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('audit.columns.target'),
      key: 'target',
      render: (_, r) =>
        r.targetType ? `${r.targetType}${r.targetId ? ` #${r.targetId}` : ''}` : '—',
    },
    { title: t('audit.columns.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];
  if (showTenant) {
    columns.splice(1, 0, {
      title: t('audit.columns.tenant'),
      key: 'tenant',
      render: (_, r) => (r.tenant ? `${r.tenant.name ?? ''} (${r.tenant.id})` : '—'),
    });
  }
  return columns;
}

/** The entry's details, as they were recorded (never secrets or message bodies). */
export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (!entry.details || Object.keys(entry.details).length === 0)
    return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  return (
    <pre
      data-testid={`audit-details-${entry.id}`}
      style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}
    >
      {JSON.stringify(entry.details, null, 2)}
    </pre>
  );
}
