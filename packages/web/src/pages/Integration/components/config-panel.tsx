import { DisconnectOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../../../components/use-api-error';
import { useIntegration } from '../integration-context';
import type { ThirdAppConfigState } from '../use-config';
import { ConfigDetails } from './config-details';
import { ConfigModal } from './config-modal';

/** 取消绑定 (with a confirmation saying what happens to bindings) and the enable switch. */
function useConfigActions(state: ThirdAppConfigState) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { report } = useApiError();
  const { provider, tid } = useIntegration();
  const [switching, setSwitching] = useState(false);

  const confirmRemove = () =>
    modal.confirm({
      title: t('wecom.config.removeTitle', { provider }),
      content: t('wecom.config.removeBody', { provider }),
      okText: t('wecom.config.remove'),
      // 「取消」 beside 「取消绑定」 read as one word: the way out says what it keeps, has the focus,
      // and the destructive button stands apart.
      okButtonProps: {
        danger: true,
        style: { marginInlineStart: 24 },
        'data-testid': tid('remove-confirm'),
      },
      cancelText: t('wecom.config.keep'),
      cancelButtonProps: { 'data-testid': tid('remove-keep') },
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          await state.remove();
          void message.success(t('wecom.config.removed'));
        } catch (error) {
          report(error);
        }
      },
    });

  const toggle = async (enabled: boolean) => {
    setSwitching(true);
    try {
      await state.setEnabled(enabled);
      void message.success(t('wecom.config.enabledChanged'));
    } catch (error) {
      report(error);
    } finally {
      setSwitching(false);
    }
  };
  return { confirmRemove, toggle, switching };
}

/**
 * Step 2 (对接信息录入): the stored values (secrets masked), edit, enable, 取消绑定. The form's
 * fields are the connector's form items; `extras` adds WeCom's policy and egress fields.
 */
export function ConfigPanel({ state, extras }: { state: ThirdAppConfigState; extras: boolean }) {
  const { t } = useTranslation();
  const { connector, provider, tid } = useIntegration();
  const [editing, setEditing] = useState(false);
  const actions = useConfigActions(state);
  const { config } = state;
  const items = connector?.formItems ?? [];
  const modal = (
    <ConfigModal
      open={editing}
      config={config}
      items={items}
      extras={extras}
      onClose={() => setEditing(false)}
      onSave={state.save}
    />
  );

  if (!config) {
    return (
      <Empty
        description={t('wecom.config.empty', { provider })}
        image={Empty.PRESENTED_IMAGE_SIMPLE}
      >
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(true)}
          data-testid={tid('config-add')}
        >
          {t('wecom.config.add')}
        </Button>
        {modal}
      </Empty>
    );
  }
  return (
    <div data-testid={tid('config')}>
      <ConfigDetails
        config={config}
        items={items}
        extras={extras}
        switching={actions.switching}
        onToggle={(enabled) => void actions.toggle(enabled)}
      />
      <Space style={{ marginTop: 16 }} size={32}>
        <Button
          icon={<EditOutlined />}
          onClick={() => setEditing(true)}
          data-testid={tid('config-edit')}
        >
          {t('wecom.config.edit')}
        </Button>
        <Button
          danger
          icon={<DisconnectOutlined />}
          onClick={actions.confirmRemove}
          data-testid={tid('config-remove')}
        >
          {t('wecom.config.remove')}
        </Button>
      </Space>
      {modal}
    </div>
  );
}
