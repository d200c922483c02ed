import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/auth';
import { MIN_PASSWORD_LENGTH } from './change-password-form';
import { useApiError } from './use-api-error';

interface Values {
  newPassword: string;
  confirm: string;
}

/**
 * A first password for a member who has only ever signed in with WeCom (no old password to
 * give); resolves `onDone` once the server accepted it.
 */
export function SetPasswordForm(props: { onDone: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { reportOnForm } = useApiError();
  const rule = t('password.rule', { min: MIN_PASSWORD_LENGTH });

  const onFinish = async (values: Values) => {
    setSaving(true);
    try {
      await authApi.setPassword(values.newPassword);
      form.resetFields();
      await props.onDone();
    } catch (error) {
      reportOnForm(form, error, { 'auth.password_already_set': 'newPassword' });
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
      data-testid="set-password-form"
    >
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={rule}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_PASSWORD_LENGTH, message: rule },
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
        {t('account.setPassword.submit')}
      </Button>
    </Form>
  );
}
