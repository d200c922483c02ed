import { BankOutlined } from '@ant-design/icons';
import { Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../components/use-api-error';
import { useSession } from '../session';

/**
 * Active tenants can be chosen; pending (审核中) ones are listed, greyed out, so members see their
 * request. A WeCom sign-in session works only in the tenant that vouched for it: just that one.
 */
export function TenantSwitcher({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { me, tenantId, scopeTenantId, switchTenant } = useSession();
  const { report } = useApiError();
  const [switching, setSwitching] = useState(false);
  const scoped = scopeTenantId !== null;
  const tenants = (me?.tenantList ?? []).filter((x) =>
    scoped ? x.id === scopeTenantId : x.status === 1 || x.status === 3,
  );

  const options = tenants.map((tenant) => ({
    value: tenant.id,
    disabled: tenant.status !== 1,
    title: tenant.name,
    label: (
      <Space size={6} style={{ maxWidth: 260 }}>
        <Typography.Text ellipsis style={{ maxWidth: 180 }}>
          {tenant.name}
        </Typography.Text>
        {tenant.status === 3 && <Tag color="orange">{t('status.membership.3')}</Tag>}
      </Space>
    ),
  }));

  const onChange = async (id: number) => {
    setSwitching(true);
    try {
      await switchTenant(id);
    } catch (error) {
      report(error);
    } finally {
      setSwitching(false);
    }
  };

  const select = (
    <Select<number>
      data-testid="tenant-switcher"
      aria-label={t('header.tenant')}
      style={{ width: compact ? 150 : 240 }}
      prefix={<BankOutlined />}
      value={tenantId ?? undefined}
      placeholder={t('header.noTenant')}
      options={options}
      loading={switching}
      onChange={(id) => void onChange(id)}
      notFoundContent={t('header.noTenantHint')}
      popupMatchSelectWidth={false}
      disabled={scoped}
    />
  );
  if (!scoped) return select;
  return (
    <Tooltip title={t('account.scoped.switcherHint')}>
      <span data-testid="tenant-switcher-scoped">{select}</span>
    </Tooltip>
  );
}
