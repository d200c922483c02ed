import { Checkbox, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConnectorFormItem } from '../../api/connectors';
import {
  fieldTestId,
  localized,
  problemOf,
  storedGenerated,
  storedSecret,
  type StoredSettings,
} from './form-model';

interface Props {
  items: readonly ConnectorFormItem[];
  /** The stored configuration when editing (masked secrets, generated values); null when new. */
  stored: StoredSettings;
  /** Test ids are `<prefix>-<kebab key>` (`wecom-client-id`, `dingtalk-corp-id`). */
  testIdPrefix: string;
}

/** A value the server generated: read-only, with a copy button; before the first save, a note. */
function GeneratedValue({ value, testId }: { value: string | null; testId: string }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('connectorForm.generatedOnSave')}
      </Typography.Text>
    );
  }
  return (
    <Typography.Text
      code
      copyable={{ text: value }}
      data-testid={testId}
      style={{ wordBreak: 'break-all' }}
    >
      {value}
    </Typography.Text>
  );
}

function Field({ item, stored, testIdPrefix }: { item: ConnectorFormItem } & Omit<Props, 'items'>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const form = Form.useFormInstance();
  const removing = Form.useWatch(['removeStored', item.key], form) === true;
  const editing = stored !== null;
  const testId = fieldTestId(testIdPrefix, item.key);
  const label = localized(item.label, language);
  const extra = localized(item.help, language) || undefined;

  if (item.type === 'generated') {
    return (
      <Form.Item label={label} extra={extra}>
        <GeneratedValue value={storedGenerated(stored, item.key)} testId={testId} />
      </Form.Item>
    );
  }

  const masked = item.type === 'secret' ? storedSecret(stored, item.key) : null;
  // problemOf decides "required" too (a stored secret may stay empty); Form.Item shows the mark.
  const rules = [
    {
      validator: (_: unknown, value: unknown) => {
        const problem = problemOf(item, value, { editing, removing }, t, language);
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    },
  ];
  const input =
    item.type === 'number' ? (
      <InputNumber style={{ width: '100%' }} placeholder={item.placeholder} data-testid={testId} />
    ) : item.type === 'secret' ? (
      <Input.Password
        autoComplete="new-password"
        disabled={removing}
        placeholder={masked ? t('connectorForm.secretKeep', { masked }) : item.placeholder}
        data-testid={testId}
      />
    ) : (
      <Input autoComplete="off" placeholder={item.placeholder} data-testid={testId} />
    );

  return (
    <>
      <Form.Item
        name={item.key}
        label={label}
        extra={extra}
        rules={rules}
        required={item.required && !(editing && item.type === 'secret')}
        dependencies={[['removeStored', item.key]]}
      >
        {input}
      </Form.Item>
      {masked && !item.required && (
        <Form.Item name={['removeStored', item.key]} valuePropName="checked">
          <Checkbox data-testid={`${testId}-remove`}>
            {t('connectorForm.removeStored', { label })}
          </Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/**
 * The settings fields of a connector's config form, rendered from its form items: text, number,
 * secret (masked value as the placeholder; empty keeps it) and generated (read-only, copyable).
 * Sits inside an antd Form; form-model.ts turns the values into the request body.
 */
export function ConnectorFields({ items, stored, testIdPrefix }: Props) {
  return (
    <>
      {items.map((item) => (
        <Field key={item.key} item={item} stored={stored} testIdPrefix={testIdPrefix} />
      ))}
    </>
  );
}
