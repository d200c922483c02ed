import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  NewThirdAppConfig,
  ThirdAppConfig,
  ThirdAppConfigChanges,
} from '../../../api/third-app';
import type { ConnectorFormItem } from '../../../api/connectors';
import { ConnectorFields } from '../../../components/connector-form/connector-fields';
import {
  initialSettings,
  newSettings,
  settingsChanges,
  type SettingsValues,
} from '../../../components/connector-form/form-model';
import { ApiError } from '../../../api/client';
import { useApiError } from '../../../components/use-api-error';
import { useIntegration } from '../integration-context';
import {
  extraChanges,
  extraFresh,
  extraInitialValues,
  WeComExtraFields,
  type WeComExtraValues,
} from './wecom-extras';

type Values = SettingsValues & WeComExtraValues;

const FIELD_BY_CODE: Record<string, string> = {
  'config.invalid_schedule': 'scheduleCron',
  'config.schedule_too_frequent': 'scheduleCron',
  'third_app.egress_proxy_invalid': 'egressProxy',
};

/**
 * Where a refusal belongs: the account field the server names for a 409 (WeCom clientId,
 * DingTalk corpId), else WeCom's clientId for servers that name none.
 */
function fieldsByCode(error: unknown): Record<string, string> {
  const named = error instanceof ApiError ? (error.details as { field?: unknown } | null) : null;
  const account = typeof named?.field === 'string' ? named.field : 'clientId';
  return { ...FIELD_BY_CODE, 'third_app.corp_id_taken': account };
}

/** What a save sends: everything on the first save, only what changed afterwards. */
function bodyOf(
  items: readonly ConnectorFormItem[],
  values: Values,
  config: ThirdAppConfig | null,
  extras: boolean,
): NewThirdAppConfig | ThirdAppConfigChanges {
  if (!config) {
    return {
      settings: newSettings(items, values),
      enabled: true,
      ...(extras ? extraFresh(values) : {}),
    };
  }
  const settings = settingsChanges(items, values, config);
  return {
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
    ...(extras ? extraChanges(values, config) : {}),
  };
}

/**
 * 对接信息录入: the connector's settings rendered from its form items, plus (WeCom) the sync
 * policy and egress proxy.
 */
export function ConfigModal(props: {
  open: boolean;
  config: ThirdAppConfig | null;
  items: readonly ConnectorFormItem[];
  /** WeCom's extra fields (policy, egress proxy). */
  extras: boolean;
  onClose(): void;
  onSave(values: NewThirdAppConfig | ThirdAppConfigChanges): Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reportOnForm } = useApiError();
  const { provider, tid, slug } = useIntegration();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { config, items, extras } = props;

  // The dialog's content is rebuilt on every opening (destroyOnHidden), so initial values are
  // the way to prefill it: values set from an effect reached a form not yet mounted, and the
  // edit dialog opened empty.
  const initialValues = {
    ...initialSettings(items, config),
    ...(extras ? extraInitialValues(config) : {}),
  };

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
      await props.onSave(bodyOf(items, values, config, extras));
      void message.success(t('wecom.config.saved'));
      props.onClose();
    } catch (error) {
      reportOnForm(form, error, fieldsByCode(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t(config ? 'wecom.config.modalTitleEdit' : 'wecom.config.modalTitleNew', { provider })}
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
        data-testid={tid('config-form')}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid={tid('owned-fields')}
          title={t('wecom.config.owned.title', { provider })}
          description={t('wecom.config.owned.body', { provider })}
        />
        <ConnectorFields items={items} stored={config} testIdPrefix={slug} />
        {extras && <WeComExtraFields />}
      </Form>
    </Modal>
  );
}
