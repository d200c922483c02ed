import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleFilled,
} from '@ant-design/icons';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  thirdAppApi,
  type CheckStatus,
  type DiagnosticCheck,
  type Diagnostics,
} from '../../../api/third-app';
import { useIntegration } from '../integration-context';
import { useApiError } from '../../../components/use-api-error';

const ICONS: Record<CheckStatus, ReactNode> = {
  ok: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  warn: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  fail: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  skipped: <MinusCircleFilled style={{ color: '#bfbfbf' }} />,
};
const COLORS: Record<CheckStatus, string> = {
  ok: 'success',
  warn: 'warning',
  fail: 'error',
  skipped: 'default',
};

/** One line of facts the check found, in the reader's language. */
function factsText(t: TFunction, c: DiagnosticCheck, slug: string): string | null {
  const f = c.facts ?? {};
  if (c.status === 'skipped') return null;
  // Providers report what their APIs can tell cheaply; facts the WeCom texts do not cover have
  // their own text in the provider's locale file (`<slug>.test.facts.<check>`).
  if (slug !== 'wecom') {
    const text = t(`${slug}.test.facts.${c.id}`, {
      ...f,
      count: Number(f.subDepartments ?? f.firstPage ?? f.departments ?? 0),
      defaultValue: '',
    });
    return c.status === 'ok' && text ? text : null;
  }
  switch (c.id) {
    case 'departments':
      return t('wecom.test.facts.departments', { count: Number(f.departments ?? 0) });
    case 'members':
      return (
        t('wecom.test.facts.members', { count: Number(f.members ?? 0) }) +
        (f.complete === false
          ? t('wecom.test.facts.membersPartial', { count: Number(f.departmentsScanned ?? 0) })
          : '')
      );
    case 'message':
      return c.status === 'ok' ? t('wecom.test.facts.message', { agentId: f.agentId }) : null;
    case 'contact_secret':
      return c.status === 'ok'
        ? t('wecom.test.facts.contactSecret', {
            members: f.members,
            departments: f.departments,
          })
        : null;
    case 'trusted_ip':
      return c.status === 'ok' ? t('wecom.test.facts.trustedIp') : null;
    case 'egress_ip':
      return f.ip
        ? t(f.viaProxy ? 'egress.facts.ipViaProxy' : 'egress.facts.ip', { ip: f.ip })
        : null;
    default:
      return null;
  }
}

function CheckRow({ check }: { check: DiagnosticCheck }) {
  const { t, i18n } = useTranslation();
  const { slug } = useIntegration();
  const explanation = check.explanation?.[i18n.language === 'en' ? 'en' : 'zh-CN'];
  const facts = factsText(t, check, slug);
  // A passing check only needs its facts; anything else shows the full explanation.
  const explain = explanation && check.status !== 'ok';
  return (
    <div
      data-testid={`wecom-check-${check.id}`}
      data-status={check.status}
      style={{ display: 'flex', gap: 12, padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}
    >
      <span style={{ fontSize: 18, lineHeight: '24px' }}>{ICONS[check.status]}</span>
      <div style={{ flex: 1, minWidth: 0 }}>
        <Space wrap size={8}>
          <Typography.Text strong>
            {t([
              `${slug}.test.checks.${check.id}`,
              `wecom.test.checks.${check.id}`,
              `egress.checks.${check.id}`,
            ])}
          </Typography.Text>
          <Tag color={COLORS[check.status]}>{t(`wecom.test.status.${check.status}`)}</Tag>
          {check.error && (
            <Tag color="red" data-testid="wecom-check-errcode">
              {t('wecom.test.errcode', { code: check.error.providerCode })}
            </Tag>
          )}
          {facts && <Typography.Text type="secondary">{facts}</Typography.Text>}
        </Space>
        {explain && check.status === 'skipped' && (
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{explanation.cause}</Typography.Text>
          </div>
        )}
        {explain && check.status !== 'skipped' && (
          <div style={{ marginTop: 6 }}>
            <Typography.Text strong>{explanation.title}</Typography.Text>
            <div>
              <Typography.Text type="secondary">{t('wecom.test.cause')}</Typography.Text>
              {explanation.cause}
            </div>
            <div>
              <Typography.Text type="secondary">{t('wecom.test.fix')}</Typography.Text>
              {explanation.fix}
            </div>
          </div>
        )}
        {check.id === 'trusted_ip' && check.error?.fromIp && (
          <div style={{ marginTop: 6 }} data-testid="wecom-check-ip">
            {t('wecom.test.ip')}{' '}
            <Typography.Text code copyable strong>
              {check.error.fromIp}
            </Typography.Text>
          </div>
        )}
      </div>
    </div>
  );
}

function summary(result: Diagnostics): { type: 'success' | 'warning' | 'error'; key: string } {
  if (!result.ok) return { type: 'error', key: 'wecom.test.hasFailures' };
  if (result.checks.some((c) => c.status === 'warn')) {
    return { type: 'warning', key: 'wecom.test.hasWarnings' };
  }
  return { type: 'success', key: 'wecom.test.allOk' };
}

/** Step 3 (测试连接): runs the server's diagnostics and lists each check with its fix. */
export function DiagnosticsPanel({
  configVersion,
  onFinished,
}: {
  configVersion: string;
  /** After a run: the stored egress IP and 60020 alert may have changed. */
  onFinished?: () => void;
}) {
  const { t } = useTranslation();
  const { report } = useApiError();
  const { thirdType } = useIntegration();
  const [result, setResult] = useState<{ version: string; diagnostics: Diagnostics } | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      setResult({ version: configVersion, diagnostics: await thirdAppApi(thirdType).test() });
      onFinished?.();
    } catch (error) {
      report(error);
    } finally {
      setRunning(false);
    }
  };

  // Results of an older configuration would mislead; they disappear once it changes.
  const shown = result?.version === configVersion ? result.diagnostics : null;
  const head = shown ? summary(shown) : null;
  return (
    <div data-testid="wecom-diagnostics">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button
          type="primary"
          loading={running}
          onClick={() => void run()}
          data-testid="wecom-test-run"
        >
          {t(shown ? 'wecom.test.rerun' : 'wecom.test.run')}
        </Button>
        <Typography.Text type="secondary">{t('wecom.test.intro')}</Typography.Text>
      </Space>
      {shown && head && (
        <>
          <Alert type={head.type} showIcon title={t(head.key)} data-testid="wecom-test-summary" />
          <div>
            {shown.checks.map((c) => (
              <CheckRow key={c.id} check={c} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
