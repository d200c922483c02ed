import { Form, Input, Radio, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncPolicy, ThirdAppConfig, ThirdAppConfigChanges } from '../../../api/third-app';
import { DEFAULT_INITIAL_PASSWORD, InitialPasswordField } from './initial-password-field';
import { ScheduleFields, scheduleOf, scheduleValues, type ScheduleValues } from './schedule-field';

/*
 * The WeCom config form's fields beyond the connector's settings: sync policy (initial password,
 * schedule, approval cards, sign-in scope) and the egress proxy. Other providers' pages do not
 * show them yet (their texts and options are WeCom's).
 */

export interface WeComExtraValues extends ScheduleValues {
  initialPassword: SyncPolicy['initialPassword'];
  egressProxy?: string;
  approvalCards: boolean;
  signInScope: NonNullable<SyncPolicy['signInScope']>;
}

/** http(s)://[user:pass@]host:port[/] — the server checks the same (and says what to fix). */
const PROXY =
  /^\s*https?:\/\/(?:[^@/?#\s]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^:@/?#\s[\]]+):\d{1,5}\/?\s*$/i;

export function extraInitialValues(config: ThirdAppConfig | null): Partial<WeComExtraValues> {
  return config
    ? {
        initialPassword: config.syncPolicy.initialPassword,
        egressProxy: config.egressProxy ?? '',
        approvalCards: config.syncPolicy.approvalCards ?? true,
        signInScope: config.syncPolicy.signInScope ?? 'base',
        ...scheduleValues(config.syncPolicy.schedule),
      }
    : { initialPassword: DEFAULT_INITIAL_PASSWORD, approvalCards: true, signInScope: 'base' };
}

/** The common fields of a first save. */
export function extraFresh(values: WeComExtraValues) {
  return {
    syncPolicy: {
      schedule: scheduleOf(values),
      initialPassword: values.initialPassword,
      approvalCards: values.approvalCards,
      signInScope: values.signInScope,
    },
    ...(values.egressProxy?.trim() ? { egressProxy: values.egressProxy.trim() } : {}),
  };
}

/** Only what changed of the common fields. */
export function extraChanges(
  values: WeComExtraValues,
  config: ThirdAppConfig,
): Omit<ThirdAppConfigChanges, 'settings'> {
  const out: Omit<ThirdAppConfigChanges, 'settings'> = {};
  const policy: Partial<SyncPolicy> = {};
  const schedule = scheduleOf(values);
  if (schedule !== config.syncPolicy.schedule) policy.schedule = schedule;
  if (values.initialPassword !== config.syncPolicy.initialPassword)
    policy.initialPassword = values.initialPassword;
  if (values.approvalCards !== (config.syncPolicy.approvalCards ?? true))
    policy.approvalCards = values.approvalCards;
  if (values.signInScope !== (config.syncPolicy.signInScope ?? 'base'))
    policy.signInScope = values.signInScope;
  if (Object.keys(policy).length > 0) out.syncPolicy = policy;
  // Prefilled masked (password as ******, which the server reads as "keep the stored one").
  const proxy = values.egressProxy?.trim() ?? '';
  if (proxy !== (config.egressProxy ?? '')) out.egressProxy = proxy || null;
  return out;
}

export function WeComExtraFields() {
  const { t } = useTranslation();
  return (
    <>
      <InitialPasswordField />
      <ScheduleFields />
      <Form.Item
        name="egressProxy"
        label={t('egress.fields.proxy')}
        extra={t('egress.help.proxy')}
        rules={[{ pattern: PROXY, message: t('egress.rules.proxy') }]}
      >
        <Input
          autoComplete="off"
          placeholder={t('egress.placeholder')}
          data-testid="wecom-egress-proxy"
        />
      </Form.Item>
      <Form.Item
        name="approvalCards"
        label={t('approvals.field')}
        extra={t('approvals.help')}
        valuePropName="checked"
      >
        <Switch
          checkedChildren={t('approvals.on')}
          unCheckedChildren={t('approvals.off')}
          data-testid="wecom-approval-cards"
        />
      </Form.Item>
      <Form.Item name="signInScope" label={t('privateinfo.field')} extra={t('privateinfo.help')}>
        <Radio.Group data-testid="wecom-sign-in-scope">
          <Radio value="base">{t('privateinfo.base')}</Radio>
          <Radio value="privateinfo">{t('privateinfo.privateinfo')}</Radio>
        </Radio.Group>
      </Form.Item>
    </>
  );
}
