import { Alert, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncPolicy } from '../../../api/third-app';

type InitialPassword = SyncPolicy['initialPassword'];

/** New connections default to WeCom sign-in only (PRODUCT.md §7, initial passwords). */
export const DEFAULT_INITIAL_PASSWORD: InitialPassword = 'wecom-only';

const CHOICES: readonly InitialPassword[] = ['wecom-only', 'random', 'same-as-username'];

/**
 * Password of accounts the sync creates. `same-as-username` is the seed's rule and stays
 * selectable, with what it risks said next to it: anyone who knows the house number and a WeCom
 * userid can sign in as that member before they do.
 */
export function InitialPasswordField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const value = Form.useWatch<InitialPassword | undefined>('initialPassword', form);
  return (
    <>
      <Form.Item
        name="initialPassword"
        label={t('wecom.config.fields.initialPassword')}
        extra={value ? t(`wecom.config.initialPassword.${value}Hint`) : undefined}
        style={value === 'same-as-username' ? { marginBottom: 8 } : undefined}
      >
        <Select
          data-testid="wecom-initial-password"
          options={CHOICES.map((choice) => ({
            value: choice,
            label: t(`wecom.config.initialPassword.${choice}`),
          }))}
        />
      </Form.Item>
      {value === 'same-as-username' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 24 }}
          data-testid="wecom-initial-password-risk"
          title={t('wecom.config.initialPassword.risk')}
        />
      )}
    </>
  );
}
