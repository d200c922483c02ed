import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ThirdAppConfig } from '../../../api/third-app';
import { CopyText } from './copy-text';

/** Step 6: what to paste under 接收消息 → 设置API接收. */
export function CallbackPanel({ config }: { config: ThirdAppConfig }) {
  const { t } = useTranslation();
  return (
    <div data-testid="wecom-callback">
      <Typography.Paragraph type="secondary">{t('wecom.callback.intro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t('wecom.callback.url')}>
          <CopyText value={config.callbackUrl} testId="wecom-callback-url" />
        </Descriptions.Item>
        <Descriptions.Item label={t('wecom.callback.token')}>
          <CopyText value={config.callbackToken} testId="wecom-callback-token" />
        </Descriptions.Item>
        <Descriptions.Item label={t('wecom.callback.aesKey')}>
          <CopyText value={config.encodingAesKey} testId="wecom-callback-aes-key" />
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** Step 7: the workbench home page `<PUBLIC_URL>/tenantId/<id>`. */
export function HomePagePanel({ config, tenantId }: { config: ThirdAppConfig; tenantId: number }) {
  const { t } = useTranslation();
  return (
    <div data-testid="wecom-homepage">
      <Typography.Paragraph type="secondary">{t('wecom.homepage.intro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t('wecom.homepage.url')}>
          <CopyText value={config.homeUrl} testId="wecom-home-url" />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('wecom.homepage.tenantHint', { tenantId })}
      </Typography.Paragraph>
    </div>
  );
}
