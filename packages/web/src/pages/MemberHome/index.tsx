import { Alert, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';
import { MembershipStatusTag, RoleTag } from '../../components/status-tags';
import { BindingCard } from './binding-card';

/** What to do about a membership that is not active yet (or any more). */
const STATUS_HINT: Record<number, string> = {
  2: 'member.status.quit',
  3: 'member.status.pending',
  4: 'member.status.refused',
  5: 'member.status.invited',
};

function TenantList() {
  const { t } = useTranslation();
  const session = useSession();
  const scoped = session.scopeTenantId !== null;
  const tenants = (session.me?.tenantList ?? []).filter(
    (x) => !scoped || x.id === session.scopeTenantId,
  );
  if (tenants.length === 0) {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="member-no-tenant"
        title={t('member.noTenant.title')}
        description={<Link to={paths.myTenants}>{t('member.noTenant.join')}</Link>}
      />
    );
  }
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {tenants.map((tenant) => (
        <li
          key={tenant.id}
          data-testid="member-tenant"
          style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '10px 12px' }}
        >
          <Space wrap size={[8, 4]}>
            <Typography.Text strong>{tenant.name}</Typography.Text>
            {tenant.id === session.tenantId && <Tag color="blue">{t('myTenants.current')}</Tag>}
            <RoleTag role={tenant.role} />
            <MembershipStatusTag status={tenant.status} />
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('member.tenantIds', { id: tenant.id, houseNumber: tenant.houseNumber })}
            </Typography.Text>
          </div>
          {STATUS_HINT[tenant.status] && (
            <Typography.Paragraph style={{ margin: '4px 0 0' }} data-testid="member-status-hint">
              {t(STATUS_HINT[tenant.status]!)}
            </Typography.Paragraph>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * `/` for a member (no admin rights here), made for a phone and the WeCom workbench: their
 * tenants and membership state, their WeCom binding, and what to do next.
 */
export function MemberHomePage() {
  const { t } = useTranslation();
  const { me, currentTenant, scopeTenantId } = useSession();
  const name = me?.userInfo.realname || me?.userInfo.username || '';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="member-home">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('member.hello', { name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {currentTenant
            ? t('member.inTenant', { tenant: currentTenant.name })
            : t('member.noCurrentTenant')}
        </Typography.Paragraph>
        {scopeTenantId !== null && (
          <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="member-scoped">
            {t('member.scoped')}
          </Typography.Paragraph>
        )}
      </Card>
      {currentTenant && <BindingCard />}
      <Card title={t('member.tenants.title')} size="small">
        <TenantList />
        {scopeTenantId === null && (
          <Typography.Paragraph style={{ margin: '12px 0 0' }}>
            <Link to={paths.myTenants}>{t('member.tenants.manage')}</Link>
          </Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
