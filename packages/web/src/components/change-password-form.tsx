import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/auth';
import { useApiError } from './use-api-error';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export const MIN_PASSWORD_LENGTH = 8;

/** Old password, new password twice; resolves `onDone` once the server accepted the change. */
export function ChangePasswordForm(props: {
  onDone: () => void | Promise<void>;
  submitText?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { reportOnForm } = useApiError();

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      await authApi.changePassword(values.oldPassword, values.newPassword);
      form.resetFields();
      await props.onDone();
    } catch (error) {
      reportOnForm(form, error, {
        'auth.wrong_password': 'oldPassword',
        'auth.password_unchanged': 'newPassword',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void onFinish(v)}
      requiredMark={false}
    >
      <Form.Item
        name="oldPassword"
        label={t('password.old')}
        rules={[{ required: true, message: t('password.oldRequired') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.rule', { min: MIN_PASSWORD_LENGTH })}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_PASSWORD_LENGTH, message: t('password.rule', { min: MIN_PASSWORD_LENGTH }) },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value && value === getFieldValue('oldPassword')
                ? Promise.reject(new Error(t('password.sameAsOld')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={saving}>
        {props.submitText ?? t('password.submit')}
      </Button>
    </Form>
  );
}
