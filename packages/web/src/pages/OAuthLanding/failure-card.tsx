import { CloseCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { insideWeCom, weComLoginUrl } from '../../api/third-login';
import { paths } from '../../app/paths';

/** Codes whose cause a new attempt can fix; the others need an administrator. */
const RETRYABLE = new Set([
  'state_invalid',
  'state_expired',
  'state_replayed',
  'state_browser_mismatch',
  'cancelled',
  'code_invalid',
  'wecom_unavailable',
  'ticket_invalid',
  'return_path_invalid',
]);

/**
 * Codes that state where the member stands (binding, membership, freeze), not a fault: the card
 * explains them calmly — who can change it and how — instead of showing an error.
 */
const MEMBER_STATE = new Set([
  'unbound',
  'removed',
  'self_unbound',
  'excluded',
  'binding_inactive',
  'pending',
  'linked_pending',
  'quit',
  'refused',
  'invited',
  'member_frozen',
  'account_frozen',
  'tenant_frozen',
  'outsider',
]);

export interface Failure {
  code: string;
  tenantId?: number;
  errcode?: string;
  userid?: string;
}

/** Why WeCom sign-in did not work and what to do, in the page language. */
export function FailureCard({ failure }: { failure: Failure }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const known = i18n.exists(`thirdLogin.errors.${failure.code}.title`);
  const key = `thirdLogin.errors.${known ? failure.code : 'unknown'}`;
  const { tenantId } = failure;
  const retry = tenantId !== undefined && RETRYABLE.has(failure.code);
  return (
    <Card style={{ width: '100%', maxWidth: 480 }} data-testid="oauth-failure">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space align="start">
          {MEMBER_STATE.has(failure.code) ? (
            <InfoCircleFilled
              style={{ color: '#ad6800', fontSize: 22, marginTop: 4 }}
              aria-hidden
            />
          ) : (
            <CloseCircleFilled
              style={{ color: '#cf1322', fontSize: 22, marginTop: 4 }}
              aria-hidden
            />
          )}
          <div>
            <Typography.Text type="secondary">{t('thirdLogin.failedTitle')}</Typography.Text>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="oauth-failure-title">
              {t(`${key}.title`)}
            </Typography.Title>
          </div>
        </Space>
        <Typography.Paragraph style={{ margin: 0 }}>{t(`${key}.detail`)}</Typography.Paragraph>
        {failure.userid && (
          <Typography.Text type="secondary">
            {t('thirdLogin.yourUserid', { userid: failure.userid })}
          </Typography.Text>
        )}
        {failure.errcode && (
          <Typography.Text type="secondary" data-testid="oauth-failure-errcode">
            {t('thirdLogin.errcode', { code: failure.errcode })}
          </Typography.Text>
        )}
        <Space wrap>
          {retry && (
            <Button
              type="primary"
              href={weComLoginUrl(tenantId, { qr: !insideWeCom() })}
              data-testid="oauth-retry"
            >
              {t('thirdLogin.retry')}
            </Button>
          )}
          <Button
            onClick={() =>
              navigate(tenantId === undefined ? paths.login : `/tenantId/${tenantId}`, {
                state: { password: true },
              })
            }
          >
            {t('thirdLogin.passwordLogin')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
