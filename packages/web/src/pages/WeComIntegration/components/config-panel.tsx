import { DisconnectOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Empty, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThirdAppConfig } from '../../../api/third-app';
import { useApiError } from '../../../components/use-api-error';
import type { WeComConfigState } from '../use-wecom-config';
import { ConfigModal } from './config-modal';
import { ScheduleText } from './schedule-field';
import { formatTime } from '../../../components/format';

/** 取消绑定 (with a confirmation saying what happens to bindings) and the enable switch. */
function useConfigActions(state: WeComConfigState) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { report } = useApiError();
  const [switching, setSwitching] = useState(false);

  const confirmRemove = () =>
    modal.confirm({
      title: t('wecom.config.removeTitle'),
      content: t('wecom.config.removeBody'),
      okText: t('wecom.config.remove'),
      // 「取消」 beside 「取消绑定」 read as one word: the way out says what it keeps, has the focus,
      // and the destructive button stands apart.
      okButtonProps: {
        danger: true,
        style: { marginInlineStart: 24 },
        'data-testid': 'wecom-remove-confirm',
      },
      cancelText: t('wecom.config.keep'),
      cancelButtonProps: { 'data-testid': 'wecom-remove-keep' },
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

/** The stored values; secrets arrive masked from the server and are shown as such. */
function ConfigDetails(props: {
  config: ThirdAppConfig;
  switching: boolean;
  onToggle(enabled: boolean): void;
}) {
  const { t } = useTranslation();
  const { config } = props;
  return (
    <Descriptions column={1} bordered size="small" styles={{ label: { width: 220 } }}>
      <Descriptions.Item label={t('wecom.config.fields.agentId')}>
        <span data-testid="wecom-config-agent-id">{config.agentId}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('wecom.config.fields.clientId')}>
        <span data-testid="wecom-config-client-id">{config.clientId}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('wecom.config.fields.clientSecret')}>
        <span data-testid="wecom-config-secret">{config.clientSecret}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('wecom.config.fields.contactSecret')}>
        {config.contactSecret ?? <Tag>{t('wecom.config.secretNone')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('egress.fields.proxy')}>
        {config.egressProxy ? (
          <span data-testid="wecom-config-egress-proxy">{config.egressProxy}</span>
        ) : (
          <Typography.Text type="secondary">{t('egress.none')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('egress.fields.egressIp')}>
        {config.egressIp ? (
          <Space wrap size={8} data-testid="wecom-config-egress-ip">
            <Typography.Text code copyable>
              {config.egressIp}
            </Typography.Text>
            {config.egressIpSeenAt && (
              <Typography.Text type="secondary">
                {t('egress.seenAt', {
                  time: formatTime(config.egressIpSeenAt),
                })}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('egress.notSeen')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('wecom.config.fields.schedule')}>
        <ScheduleText schedule={config.syncPolicy.schedule} />
      </Descriptions.Item>
      <Descriptions.Item label={t('approvals.field')}>
        <span data-testid="wecom-config-approval-cards">
          {t(config.syncPolicy.approvalCards === false ? 'approvals.off' : 'approvals.on')}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('privateinfo.field')}>
        <span data-testid="wecom-config-sign-in-scope">
          {t(
            config.syncPolicy.signInScope === 'privateinfo'
              ? 'privateinfo.privateinfo'
              : 'privateinfo.base',
          )}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('wecom.config.enabledLabel')}>
        <Space>
          <Switch
            checked={config.enabled}
            loading={props.switching}
            onChange={props.onToggle}
            aria-label={t('wecom.config.enabledLabel')}
            data-testid="wecom-enabled-switch"
          />
          <Tag color={config.enabled ? 'green' : 'default'}>
            {t(config.enabled ? 'wecom.config.enabled' : 'wecom.config.disabled')}
          </Tag>
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** Step 2 (对接信息录入): the stored values (secrets masked), edit, enable, 取消绑定. */
export function ConfigPanel({ state }: { state: WeComConfigState }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const actions = useConfigActions(state);
  const { config } = state;
  const modal = (
    <ConfigModal
      open={editing}
      config={config}
      onClose={() => setEditing(false)}
      onSave={state.save}
    />
  );

  if (!config) {
    return (
      <Empty description={t('wecom.config.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(true)}
          data-testid="wecom-config-add"
        >
          {t('wecom.config.add')}
        </Button>
        {modal}
      </Empty>
    );
  }
  return (
    <div data-testid="wecom-config">
      <ConfigDetails
        config={config}
        switching={actions.switching}
        onToggle={(enabled) => void actions.toggle(enabled)}
      />
      <Space style={{ marginTop: 16 }} size={32}>
        <Button
          icon={<EditOutlined />}
          onClick={() => setEditing(true)}
          data-testid="wecom-config-edit"
        >
          {t('wecom.config.edit')}
        </Button>
        <Button
          danger
          icon={<DisconnectOutlined />}
          onClick={actions.confirmRemove}
          data-testid="wecom-config-remove"
        >
          {t('wecom.config.remove')}
        </Button>
      </Space>
      {modal}
    </div>
  );
}
