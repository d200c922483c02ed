import type { TFunction } from 'i18next';
import { Descriptions, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConnectorFormItem } from '../../../api/connectors';
import { settingOf, type ThirdAppConfig } from '../../../api/third-app';
import { fieldTestId, localized } from '../../../components/connector-form/form-model';
import { formatTime } from '../../../components/format';
import { useIntegration } from '../integration-context';
import { ScheduleText } from './schedule-field';

/** WeCom's policy and egress values (the fields of its config form beyond the settings). */
function wecomExtraItems(config: ThirdAppConfig, t: TFunction) {
  return [
    <Descriptions.Item key="proxy" label={t('egress.fields.proxy')}>
      {config.egressProxy ? (
        <span data-testid="wecom-config-egress-proxy">{config.egressProxy}</span>
      ) : (
        <Typography.Text type="secondary">{t('egress.none')}</Typography.Text>
      )}
    </Descriptions.Item>,
    <Descriptions.Item key="ip" label={t('egress.fields.egressIp')}>
      {config.egressIp ? (
        <Space wrap size={8} data-testid="wecom-config-egress-ip">
          <Typography.Text code copyable>
            {config.egressIp}
          </Typography.Text>
          {config.egressIpSeenAt && (
            <Typography.Text type="secondary">
              {t('egress.seenAt', { time: formatTime(config.egressIpSeenAt) })}
            </Typography.Text>
          )}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('egress.notSeen')}</Typography.Text>
      )}
    </Descriptions.Item>,
    <Descriptions.Item key="schedule" label={t('wecom.config.fields.schedule')}>
      <ScheduleText schedule={config.syncPolicy.schedule} />
    </Descriptions.Item>,
    <Descriptions.Item key="cards" label={t('approvals.field')}>
      <span data-testid="wecom-config-approval-cards">
        {t(config.syncPolicy.approvalCards === false ? 'approvals.off' : 'approvals.on')}
      </span>
    </Descriptions.Item>,
    <Descriptions.Item key="scope" label={t('privateinfo.field')}>
      <span data-testid="wecom-config-sign-in-scope">
        {t(
          config.syncPolicy.signInScope === 'privateinfo'
            ? 'privateinfo.privateinfo'
            : 'privateinfo.base',
        )}
      </span>
    </Descriptions.Item>,
  ];
}

/**
 * The stored values: the connector's settings as its form items name them (secrets masked by
 * the server; generated values are shown in the callback step), WeCom's extras, the switch.
 */
export function ConfigDetails(props: {
  config: ThirdAppConfig;
  items: readonly ConnectorFormItem[];
  extras: boolean;
  switching: boolean;
  onToggle(enabled: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  const { tid } = useIntegration();
  const { config } = props;
  const shown = props.items.filter((item) => item.type !== 'generated');
  return (
    <Descriptions column={1} bordered size="small" styles={{ label: { width: 220 } }}>
      {shown.map((item) => {
        const value = settingOf(config, item.key);
        return (
          <Descriptions.Item key={item.key} label={localized(item.label, i18n.language)}>
            {value === null || value === undefined || value === '' ? (
              <Tag>{t('wecom.config.secretNone')}</Tag>
            ) : (
              <span data-testid={fieldTestId(tid('config'), item.key)}>{String(value)}</span>
            )}
          </Descriptions.Item>
        );
      })}
      {props.extras && wecomExtraItems(config, t)}
      <Descriptions.Item label={t('wecom.config.enabledLabel')}>
        <Space>
          <Switch
            checked={config.enabled}
            loading={props.switching}
            onChange={props.onToggle}
            aria-label={t('wecom.config.enabledLabel')}
            data-testid={tid('enabled-switch')}
          />
          <Tag color={config.enabled ? 'green' : 'default'}>
            {t(config.enabled ? 'wecom.config.enabled' : 'wecom.config.disabled')}
          </Tag>
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}
