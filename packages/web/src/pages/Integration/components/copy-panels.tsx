import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { settingOf, type ThirdAppConfig } from '../../../api/third-app';
import { fieldTestId, localized } from '../../../components/connector-form/form-model';
import { useIntegration } from '../integration-context';
import { CopyText } from './copy-text';

/**
 * Step 6: what to paste where the provider asks for the event-callback address: the callback URL
 * and the values the server generated for it (the connector's `generated` form items: WeCom's
 * Token and EncodingAESKey, DingTalk's token and aes_key).
 */
export function CallbackPanel({ config }: { config: ThirdAppConfig }) {
  const { t, i18n } = useTranslation();
  const { connector, slug, tid } = useIntegration();
  const generated = (connector?.formItems ?? []).filter((item) => item.type === 'generated');
  return (
    <div data-testid={tid('callback')}>
      <Typography.Paragraph type="secondary">{t(`${slug}.callback.intro`)}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t('wecom.callback.url')}>
          <CopyText value={config.callbackUrl} testId={tid('callback-url')} />
        </Descriptions.Item>
        {generated.map((item) => (
          <Descriptions.Item key={item.key} label={localized(item.label, i18n.language)}>
            <CopyText
              value={String(settingOf(config, item.key) ?? '')}
              testId={fieldTestId(tid('paste'), item.key)}
            />
          </Descriptions.Item>
        ))}
      </Descriptions>
    </div>
  );
}

/** Step 7: the app's home page `<PUBLIC_URL>/tenantId/<id>`. */
export function HomePagePanel({ config, tenantId }: { config: ThirdAppConfig; tenantId: number }) {
  const { t } = useTranslation();
  const { slug, tid } = useIntegration();
  return (
    <div data-testid={tid('homepage')}>
      <Typography.Paragraph type="secondary">{t(`${slug}.homepage.intro`)}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label={t('wecom.homepage.url')}>
          <CopyText value={config.homeUrl} testId={tid('home-url')} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('wecom.homepage.tenantHint', { tenantId })}
      </Typography.Paragraph>
    </div>
  );
}
