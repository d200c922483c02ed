import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  SyncPolicy,
  NewThirdAppConfig,
  ThirdAppConfig,
  ThirdAppConfigChanges,
} from '../../../api/third-app';
import { useApiError } from '../../../components/use-api-error';
import { DEFAULT_INITIAL_PASSWORD, InitialPasswordField } from './initial-password-field';
import { ScheduleFields, scheduleOf, scheduleValues, type ScheduleValues } from './schedule-field';

interface Values extends ScheduleValues {
  agentId: number;
  clientId: string;
  clientSecret?: string;
  contactSecret?: string;
  removeContactSecret?: boolean;
  initialPassword: SyncPolicy['initialPassword'];
  egressProxy?: string;
  approvalCards: boolean;
  signInScope: NonNullable<SyncPolicy['signInScope']>;
}

const FIELD_BY_CODE: Record<string, string> = {
  'third_app.corp_id_taken': 'clientId',
  'config.invalid_schedule': 'scheduleCron',
  'config.schedule_too_frequent': 'scheduleCron',
  'third_app.egress_proxy_invalid': 'egressProxy',
};

const SECRET = /^[A-Za-z0-9_-]{8,128}$/;
/** http(s)://[user:pass@]host:port[/] — the server checks the same (and says what to fix). */
const PROXY =
  /^\s*https?:\/\/(?:[^@/?#\s]*@)?(?:\[[0-9A-Fa-f:.]+\]|[^:@/?#\s[\]]+):\d{1,5}\/?\s*$/i;

/** Only what changed: secrets are never prefilled, so an empty secret field means "keep it". */
function changes(values: Values, config: ThirdAppConfig): ThirdAppConfigChanges {
  const out: ThirdAppConfigChanges = {};
  if (values.agentId !== config.agentId) out.agentId = values.agentId;
  if (values.clientId.trim() !== config.clientId) out.clientId = values.clientId.trim();
  if (values.clientSecret) out.clientSecret = values.clientSecret;
  if (values.removeContactSecret) out.contactSecret = null;
  else if (values.contactSecret) out.contactSecret = values.contactSecret;
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

function fresh(values: Values): NewThirdAppConfig {
  return {
    agentId: values.agentId,
    clientId: values.clientId.trim(),
    clientSecret: values.clientSecret ?? '',
    ...(values.contactSecret ? { contactSecret: values.contactSecret } : {}),
    enabled: true,
    syncPolicy: {
      schedule: scheduleOf(values),
      initialPassword: values.initialPassword,
      approvalCards: values.approvalCards,
      signInScope: values.signInScope,
    },
    ...(values.egressProxy?.trim() ? { egressProxy: values.egressProxy.trim() } : {}),
  };
}

/** 对接信息录入: AgentId / AppKey / AppSecret (+ optional contacts-sync Secret). */
export function ConfigModal(props: {
  open: boolean;
  config: ThirdAppConfig | null;
  onClose(): void;
  onSave(values: NewThirdAppConfig | ThirdAppConfigChanges): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reportOnForm } = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { config } = props;
  const removeContact = Form.useWatch('removeContactSecret', form);

  // The dialog's content is rebuilt on every opening (destroyOnHidden), so initial values are
  // the way to prefill it: values set from an effect reached a form not yet mounted, and the
  // edit dialog opened empty.
  const initialValues: Partial<Values> = config
    ? {
        agentId: config.agentId,
        clientId: config.clientId,
        initialPassword: config.syncPolicy.initialPassword,
        egressProxy: config.egressProxy ?? '',
        approvalCards: config.syncPolicy.approvalCards ?? true,
        signInScope: config.syncPolicy.signInScope ?? 'base',
        ...scheduleValues(config.syncPolicy.schedule),
      }
    : { initialPassword: DEFAULT_INITIAL_PASSWORD, approvalCards: true, signInScope: 'base' };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      // The form already shows what is missing beside each field; nothing is sent.
      return;
    }
    setSaving(true);
    try {
      await props.onSave(config ? changes(values, config) : fresh(values));
      void message.success(t('wecom.config.saved'));
      props.onClose();
    } catch (error) {
      reportOnForm(form, error, FIELD_BY_CODE);
    } finally {
      setSaving(false);
    }
  };

  const secretRule = { pattern: SECRET, message: t('wecom.config.rules.secret') };
  const keep = (masked: string | null | undefined) =>
    masked ? t('wecom.config.secretKeep', { masked }) : undefined;

  return (
    <Modal
      open={props.open}
      title={t(config ? 'wecom.config.modalTitleEdit' : 'wecom.config.modalTitleNew')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        preserve={false}
        initialValues={initialValues}
        data-testid="wecom-config-form"
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="wecom-owned-fields"
          title={t('wecom.config.owned.title')}
          description={t('wecom.config.owned.body')}
        />
        <Form.Item
          name="agentId"
          label={t('wecom.config.fields.agentId')}
          extra={t('wecom.config.help.agentId')}
          rules={[{ required: true, message: t('wecom.config.rules.agentId') }]}
        >
          <InputNumber
            min={1}
            precision={0}
            style={{ width: '100%' }}
            data-testid="wecom-agent-id"
          />
        </Form.Item>
        <Form.Item
          name="clientId"
          label={t('wecom.config.fields.clientId')}
          extra={t('wecom.config.help.clientId')}
          rules={[
            {
              required: true,
              pattern: /^\s*[A-Za-z0-9]{4,64}\s*$/,
              message: t('wecom.config.rules.clientId'),
            },
          ]}
        >
          <Input autoComplete="off" data-testid="wecom-client-id" />
        </Form.Item>
        <Form.Item
          name="clientSecret"
          label={t('wecom.config.fields.clientSecret')}
          extra={t('wecom.config.help.clientSecret')}
          rules={[{ required: !config, message: t('wecom.config.rules.secret') }, secretRule]}
        >
          <Input.Password
            autoComplete="new-password"
            placeholder={keep(config?.clientSecret)}
            data-testid="wecom-client-secret"
          />
        </Form.Item>
        <Form.Item
          name="contactSecret"
          label={t('wecom.config.fields.contactSecret')}
          extra={t('wecom.config.help.contactSecret')}
          rules={[secretRule]}
        >
          <Input.Password
            autoComplete="new-password"
            disabled={Boolean(removeContact)}
            placeholder={keep(config?.contactSecret)}
            data-testid="wecom-contact-secret"
          />
        </Form.Item>
        {config?.contactSecret && (
          <Form.Item name="removeContactSecret" valuePropName="checked">
            <Checkbox>{t('wecom.config.contactSecretRemove')}</Checkbox>
          </Form.Item>
        )}
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
      </Form>
    </Modal>
  );
}
