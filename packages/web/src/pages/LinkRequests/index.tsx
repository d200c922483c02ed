import { Alert, Card, Empty, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LinkRequest } from '../../api/link-requests';
import { formatTime } from '../../components/format';
import { PageCard } from '../../components/page-card';
import { LinkRequestActions } from './link-request-actions';
import { useLinkRequests } from './use-link-requests';

function RequestCard({ request }: { request: LinkRequest }) {
  const { t, i18n } = useTranslation();
  const vars = { tenant: request.tenantName, name: request.wechatName };
  return (
    <Card size="small" data-testid="link-request" data-request-id={request.id}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text strong>{t('account.link.wants', vars)}</Typography.Text>
        <Typography.Text type="secondary">
          {t('account.link.facts', {
            userid: request.wechatUserId,
            time: formatTime(request.createdAt, i18n.language),
          })}
        </Typography.Text>
        <Typography.Paragraph style={{ margin: '4px 0 8px' }}>
          {t('account.link.meaning', vars)}
        </Typography.Paragraph>
        <LinkRequestActions request={request} />
      </Space>
    </Card>
  );
}

/** 关联请求: tenants asking the signed-in owner to accept a binding to one of their WeCom members. */
export function LinkRequestsPage() {
  const { t } = useTranslation();
  const links = useLinkRequests();

  let body;
  if (!links.available) {
    body = <Alert type="info" showIcon title={t('account.link.passwordOnly')} />;
  } else if (links.loadError) {
    body = <Alert type="error" showIcon title={links.loadError} />;
  } else if (links.records === null) {
    body = <Spin />;
  } else if (links.records.length === 0) {
    body = <Empty description={t('account.link.empty')} />;
  } else {
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {links.records.map((request) => (
          <RequestCard key={request.id} request={request} />
        ))}
      </Space>
    );
  }

  return (
    <PageCard
      testId="link-requests-page"
      title={t('account.link.title')}
      description={t('account.link.description')}
    >
      {body}
    </PageCard>
  );
}
