import { LockOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';

/** An admin page opened by a member: says whose page it is and who can act, not a bare 403. */
export function MemberNotAllowed() {
  const { t } = useTranslation();
  const { currentTenant } = useSession();
  return (
    <Card data-testid="member-not-allowed">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <LockOutlined style={{ fontSize: 28, color: '#8c5a00' }} aria-hidden />
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('member.notAllowed.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ margin: 0 }}>
          {currentTenant
            ? t('member.notAllowed.detail', { tenant: currentTenant.name })
            : t('member.notAllowed.noTenant')}
        </Typography.Paragraph>
        <Link to={paths.home}>{t('member.backHome')}</Link>
      </Space>
    </Card>
  );
}
