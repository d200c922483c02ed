import { Alert, Collapse, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageCard } from '../../components/page-card';
import { BindingsTable } from './components/bindings-table';
import { ConfigPanel } from './components/config-panel';
import { CallbackPanel, HomePagePanel } from './components/copy-panels';
import { DiagnosticsPanel } from './components/diagnostics-panel';
import { DomainPanel } from './components/domain-panel';
import { HowTo } from './components/how-to';
import { TrustedIpBanner } from './components/trusted-ip-banner';
import { SyncPanel } from './components/sync';
import { useWeComConfig } from './use-wecom-config';

const STEPS = ['info', 'config', 'test', 'sync', 'bindings', 'callback', 'homepage'] as const;
type Step = (typeof STEPS)[number];

/** 系统管理 → 第三方配置 → 企业微信集成: the seed's numbered steps, all on one page. */
export function WeComIntegrationPage() {
  const { t } = useTranslation();
  const { tenantId } = useSession();
  const state = useWeComConfig();
  const { config } = state;
  // Bound to the stored configuration: diagnostics and lists refresh when it changes.
  const version = config ? `${config.id}:${config.updatedAt}` : 'none';
  const host = config ? new URL(config.homeUrl).host : window.location.host;
  const needsConfig = (
    <Alert type="info" showIcon title={t('wecom.needsConfig')} data-testid="wecom-needs-config" />
  );

  const content: Record<Step, ReactNode> = {
    info: (
      <>
        <HowTo host={host} />
        <DomainPanel />
      </>
    ),
    config: <ConfigPanel state={state} />,
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
    <PageCard testId="wecom-page" title={t('wecom.title')} description={t('wecom.description')}>
      {config && <TrustedIpBanner alert={config.trustedIpAlert} />}
      {state.loading && !config ? (
        <Skeleton active />
      ) : (
        <Collapse
          defaultActiveKey={[...STEPS]}
          items={STEPS.map((step, i) => ({
            key: step,
            label: `${i + 1}. ${t(`wecom.steps.${step}`)}`,
            children: <div data-testid={`wecom-step-${step}`}>{content[step]}</div>,
          }))}
        />
      )}
    </PageCard>
  );
}
