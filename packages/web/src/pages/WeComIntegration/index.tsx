import { Empty, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/page-card';

/** Placeholder for 第三方配置 → 企业微信集成; the configuration, sync and binding screens come later. */
export function WeComIntegrationPage() {
  const { t } = useTranslation();
  const steps = ['config', 'test', 'sync', 'bindings', 'callback', 'homepage'] as const;
  return (
    <PageCard testId="wecom-page" title={t('wecom.title')} description={t('wecom.description')}>
      <Steps
        orientation="vertical"
        size="small"
        current={-1}
        items={steps.map((step) => ({ title: t(`wecom.steps.${step}`) }))}
        style={{ maxWidth: 560, marginBottom: 24 }}
      />
      <Empty description={t('wecom.comingSoon')} />
    </PageCard>
  );
}
