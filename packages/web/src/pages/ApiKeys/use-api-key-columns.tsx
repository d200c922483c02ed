import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiKeysApi, permissionKey, type ApiKeyRow } from '../../api/api-keys';
import { formatTime } from '../../components/format';
import { useApiError } from '../../components/use-api-error';

type State = 'live' | 'expired' | 'revoked';

const stateOf = (row: ApiKeyRow): State =>
  row.revokedAt
    ? 'revoked'
    : row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now()
      ? 'expired'
      : 'live';

const STATE_COLOR: Record<State, string> = { live: 'green', expired: 'orange', revoked: 'default' };

export function useApiKeyColumns(onChanged: () => void): TableColumnsType<ApiKeyRow> {
  const { t, i18n } = useTranslation();
  const { report } = useApiError();
  const time = (v: string | null) => formatTime(v, i18n.language);

  const revoke = async (row: ApiKeyRow) => {
    try {
      await apiKeysApi.revoke(row.id);
      onChanged();
    } catch (error) {
      report(error);
    }
  };

  return [
    {
      title: t('apiKeys.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, row) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text code type="secondary" data-testid="api-key-prefix">
            {row.prefix}…
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('apiKeys.permissions'),
      dataIndex: 'permissions',
      key: 'permissions',
      render: (permissions: ApiKeyRow['permissions']) => (
        <Space size={[0, 4]} wrap style={{ maxWidth: 260 }}>
          {permissions.map((p) => (
            <Tooltip key={p} title={t(`apiKeys.permission.${permissionKey(p)}.help`)}>
              <Tag>{t(`apiKeys.permission.${permissionKey(p)}.label`)}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('apiKeys.state'),
      key: 'state',
      render: (_: unknown, row) => {
        const state = stateOf(row);
        return (
          <Tag color={STATE_COLOR[state]} data-testid="api-key-state">
            {t(`apiKeys.states.${state}`)}
          </Tag>
        );
      },
    },
    {
      title: t('apiKeys.createdBy'),
      key: 'createdBy',
      render: (_: unknown, row) =>
        row.createdBy ? `${row.createdBy.realname} (${row.createdBy.username})` : '—',
    },
    { title: t('apiKeys.createdAt'), dataIndex: 'createdAt', key: 'createdAt', render: time },
    {
      title: t('apiKeys.expiresAt'),
      dataIndex: 'expiresAt',
      key: 'expiresAt',
      render: (v: string | null) => (v ? time(v) : t('apiKeys.never')),
    },
    {
      title: t('apiKeys.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (v: string | null) => (v ? time(v) : t('apiKeys.neverUsed')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, row) =>
        row.revokedAt ? (
          <Typography.Text type="secondary">{time(row.revokedAt)}</Typography.Text>
        ) : (
          <Popconfirm
            title={t('apiKeys.revokeTitle', { name: row.name })}
            description={t('apiKeys.revokeConfirm')}
            okText={t('apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke(row)}
          >
            <Button type="link" danger size="small" data-testid="revoke-api-key">
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
}
