import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TenantRow } from '../../api/tenants';
import { formatTime } from '../../components/format';

export function useTenantColumns(): TableColumnsType<TenantRow> {
  const { t, i18n } = useTranslation();
  return [
    { title: 'ID', dataIndex: 'id', key: 'id', width: 90 },
    { title: t('tenants.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('tenants.houseNumber'),
      dataIndex: 'houseNumber',
      key: 'houseNumber',
      render: (value: string) => (
        <Typography.Text copyable code>
          {value}
        </Typography.Text>
      ),
    },
    {
      title: t('tenants.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: number) =>
        status === 1 ? (
          <Tag color="green">{t('status.tenant.1')}</Tag>
        ) : (
          <Tag color="red">{t('status.tenant.0')}</Tag>
        ),
    },
    {
      title: t('tenants.memberCount'),
      dataIndex: 'memberCount',
      key: 'memberCount',
      render: (v?: number) => v ?? '—',
    },
    {
      title: t('tenants.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v?: string | number) => formatTime(v, i18n.language),
    },
  ];
}
