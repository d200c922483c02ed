import { LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { paths } from '../../app/paths';
import { LinkRequestActions } from './link-request-actions';
import { useLinkRequests } from './use-link-requests';

const SHOWN = 3;

/**
 * Above every page of a password session while tenants wait for the owner's answer: "<tenant>
 * wants to link your WeCom member <name>", with 接受 / 拒绝 (PRODUCT.md §7).
 */
export function LinkRequestsNotice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const links = useLinkRequests();
  const records = links.records ?? [];
  if (records.length === 0 || links.dismissed || pathname === paths.linkRequests) return null;

  return (
    <Alert
      type="warning"
      showIcon
      icon={<LinkOutlined />}
      closable
      onClose={links.dismiss}
      style={{ marginBottom: 16 }}
      data-testid="link-requests-notice"
      title={t('account.link.noticeTitle', { count: records.length })}
      description={
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {records.slice(0, SHOWN).map((request) => (
            <div
              key={request.id}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}
            >
              <Typography.Text style={{ flex: '1 1 240px' }}>
                {t('account.link.wants', {
                  tenant: request.tenantName,
                  name: request.wechatName,
                })}
              </Typography.Text>
              <LinkRequestActions request={request} />
            </div>
          ))}
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => navigate(paths.linkRequests)}
            data-testid="link-requests-open"
          >
            {records.length > SHOWN
              ? t('account.link.more', { count: records.length - SHOWN })
              : t('account.link.details')}
          </Button>
        </Space>
      }
    />
  );
}
