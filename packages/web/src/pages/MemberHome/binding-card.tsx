import { CheckCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Card, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useMyBinding } from './use-my-binding';

/** The member's WeCom binding in the current tenant, and who can change it. */
export function BindingCard() {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const binding = useMyBinding(tenantId !== null);
  return (
    <Card title={t('member.binding.title')} size="small" data-testid="member-binding">
      {binding === undefined ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : binding && binding.active ? (
        <Space align="start">
          <CheckCircleFilled style={{ color: '#237804', marginTop: 4 }} aria-hidden />
          <div>
            <Typography.Text strong>{t('member.binding.bound')}</Typography.Text>
            <Typography.Paragraph style={{ margin: 0 }}>
              {t('member.binding.boundDetail', {
                name: binding.wechatName,
                userid: binding.wechatUserId,
              })}
            </Typography.Paragraph>
          </div>
        </Space>
      ) : (
        <Space align="start">
          <InfoCircleFilled style={{ color: '#8c5a00', marginTop: 4 }} aria-hidden />
          <div>
            <Typography.Text strong>
              {t(binding ? 'member.binding.inactive' : 'member.binding.none')}
            </Typography.Text>
            <Typography.Paragraph style={{ margin: 0 }}>
              {t(binding ? 'member.binding.inactiveDetail' : 'member.binding.noneDetail')}
            </Typography.Paragraph>
          </div>
        </Space>
      )}
    </Card>
  );
}
