import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ThirdAppConfig } from '../../../api/third-app';
import { formatTime } from '../../../components/format';

/**
 * WeCom answered 60020 (the caller address is not in the app's 企业可信IP) somewhere — sync,
 * a message, a sign-in or the connection test. Names the address to add; the server clears the
 * alert once a later call succeeds, so the banner lasts exactly as long as the refusal.
 */
export function TrustedIpBanner({ alert }: { alert: ThirdAppConfig['trustedIpAlert'] }) {
  const { t } = useTranslation();
  if (!alert) return null;
  const time = formatTime(alert.at);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="wecom-trusted-ip-banner"
      title={alert.ip ? t('egress.banner.title', { ip: alert.ip }) : t('egress.banner.titleNoIp')}
      description={
        <>
          <div>{t('egress.banner.body', { time, api: alert.api })}</div>
          {alert.ip && (
            <div style={{ marginTop: 8 }}>
              {t('egress.banner.ipLabel')}{' '}
              <Typography.Text code copyable strong data-testid="wecom-trusted-ip-banner-ip">
                {alert.ip}
              </Typography.Text>
            </div>
          )}
        </>
      }
    />
  );
}
