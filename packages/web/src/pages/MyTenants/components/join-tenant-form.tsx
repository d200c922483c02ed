import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tenantsApi } from '../../../api/tenants';
import { useApiError } from '../../../components/use-api-error';

/** House numbers (门牌号) are 6 upper-case letters or digits. */
const HOUSE_NUMBER = /^[A-Z0-9]{6}$/;

export function JoinTenantForm(props: { onJoined: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reportOnForm } = useApiError();
  const [form] = Form.useForm<{ houseNumber: string }>();
  const [saving, setSaving] = useState(false);

  const onFinish = async ({ houseNumber }: { houseNumber: string }) => {
    setSaving(true);
    try {
      await tenantsApi.join(houseNumber.trim().toUpperCase());
      void message.success(t('myTenants.joined'));
      form.resetFields();
      props.onJoined();
    } catch (error) {
      reportOnForm(form, error, {
        'tenants.house_number_not_found': 'houseNumber',
        'tenants.already_member': 'houseNumber',
        'tenants.join_pending': 'houseNumber',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form form={form} layout="inline" onFinish={(v) => void onFinish(v)} requiredMark={false}>
      <Form.Item
        name="houseNumber"
        label={t('tenants.houseNumber')}
        normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
        rules={[
          { required: true, message: t('myTenants.houseNumberRequired') },
          { pattern: HOUSE_NUMBER, message: t('myTenants.houseNumberPattern') },
        ]}
      >
        <Input
          placeholder="A1B2C3"
          maxLength={6}
          style={{ width: 160, fontFamily: 'monospace', letterSpacing: 2 }}
          data-testid="join-house-number"
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('myTenants.join')}
        </Button>
      </Form.Item>
    </Form>
  );
}
