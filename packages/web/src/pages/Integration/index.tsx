import { Alert, Collapse, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageCard } from '../../components/page-card';
import { errorText } from '../../components/use-api-error';
import { BindingsTable } from './components/bindings-table';
import { ConfigPanel } from './components/config-panel';
import { CallbackPanel, HomePagePanel } from './components/copy-panels';
import { DiagnosticsPanel } from './components/diagnostics-panel';
import { DomainPanel } from './components/domain-panel';
import { HowTo } from './components/how-to';
import { TrustedIpBanner } from './components/trusted-ip-banner';
import { SyncPanel } from './components/sync';
import { IntegrationProvider, useIntegration, type Integration } from './integration-context';
import { useConnector } from './use-connectors';
import { useThirdAppConfig } from './use-config';

const STEPS = ['info', 'config', 'test', 'sync', 'bindings', 'callback', 'homepage'] as const;
type Step = (typeof STEPS)[number];

/**
 * What a provider's page adds to the shared steps: WeCom's policy and egress fields, its
 * trusted-IP banner and the tenant-domain panel (可信域名, verification files).
 */
const EXTRAS: Record<Integration['slug'], { wecom: boolean }> = {
  wecom: { wecom: true },
  dingtalk: { wecom: false },
};

function Steps() {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const { thirdType, slug, connector, tid } = useIntegration();
  const state = useThirdAppConfig(thirdType);
  const { config } = state;
  const extras = EXTRAS[slug].wecom;
  // Bound to the stored configuration: diagnostics and lists refresh when it changes.
  const version = config ? `${config.id}:${config.updatedAt}` : 'none';
  const host = config ? new URL(config.homeUrl).host : window.location.host;
  const needsConfig = (
    <Alert type="info" showIcon title={t('wecom.needsConfig')} data-testid={tid('needs-config')} />
  );
  // The server's own refusal (e.g. a provider it does not support yet), shown where it applies.
  const failed = state.error ? (
    <Alert
      type="warning"
      showIcon
      title={errorText(t, state.error)}
      data-testid={tid('config-error')}
    />
  ) : null;
  const unavailable = connector ? null : (
    <Alert
      type="warning"
      showIcon
      title={t('integration.unavailable')}
      data-testid={tid('connector-unavailable')}
    />
  );

  const content: Record<Step, ReactNode> = {
    info: (
      <>
        <HowTo host={host} />
        {extras && <DomainPanel />}
      </>
    ),
    config: failed ?? unavailable ?? <ConfigPanel state={state} extras={extras} />,
    test: config ? (
      <DiagnosticsPanel configVersion={version} onFinished={() => void state.reload()} />
    ) : (
      needsConfig
    ),
    sync: config ? <SyncPanel /> : needsConfig,
    bindings: <BindingsTable refreshKey={version} />,
    callback: config ? <CallbackPanel config={config} /> : needsConfig,
    homepage: config ? <HomePagePanel config={config} tenantId={tenantId ?? 0} /> : needsConfig,
  };

  return (
    <>
      {config && extras && <TrustedIpBanner alert={config.trustedIpAlert} />}
      {state.loading && !config && !state.error ? (
        <Skeleton active />
      ) : (
        <Collapse
          defaultActiveKey={[...STEPS]}
          items={STEPS.map((step, i) => ({
            key: step,
            label: `${i + 1}. ${t(`wecom.steps.${step}`)}`,
            children: <div data-testid={tid(`step-${step}`)}>{content[step]}</div>,
          }))}
        />
      )}
    </>
  );
}

/**
 * 系统管理 → 第三方配置 → 企业微信集成 / 钉钉集成: the seed's numbered steps, all on one page, for
 * the provider `thirdType`; the config form is rendered from the server's connector metadata.
 */
export function IntegrationPage({ thirdType, slug }: Pick<Integration, 'thirdType' | 'slug'>) {
  const { t, i18n } = useTranslation();
  const { connector, loading } = useConnector(thirdType);
  // The provider's name comes from the connector; before it answers, from our own menu text.
  const provider = connector
    ? i18n.language.startsWith('en')
      ? connector.names.en
      : connector.names['zh-CN']
    : t(`integration.names.${slug}`);
  return (
    <PageCard
      testId={`${slug}-page`}
      title={t(`${slug}.title`)}
      description={t(`${slug}.description`)}
    >
      <IntegrationProvider value={{ thirdType, slug, connector, provider }}>
        {loading ? <Skeleton active /> : <Steps />}
      </IntegrationProvider>
    </PageCard>
  );
}

export const WeComIntegrationPage = () => (
  <IntegrationPage thirdType="wechat_enterprise" slug="wecom" />
);
export const DingTalkIntegrationPage = () => (
  <IntegrationPage thirdType="dingtalk" slug="dingtalk" />
);
