import { Button, Form, Input, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tenantsApi, type CreatedTenant } from '../../../api/tenants';
import { useApiError } from '../../../components/use-api-error';

/** Asks for a name, then shows the new tenant's house number (门牌号) to hand to its members. */
export function CreateTenantModal(props: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { reportOnForm } = useApiError();
  const [form] = Form.useForm<{ name: string }>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CreatedTenant | null>(null);

  const close = () => {
    setCreated(null);
    form.resetFields();
    props.onClose();
  };

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      setCreated(await tenantsApi.add(values.name.trim()));
      props.onCreated();
    } catch (error) {
      reportOnForm(form, error, { 'tenants.name_taken': 'name' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('tenants.add')}
      onCancel={close}
      forceRender
      width={480}
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            {t('common.done')}
          </Button>
        ) : (
          [
            <Button key="cancel" onClick={close}>
              {t('common.cancel')}
            </Button>,
            <Button key="ok" type="primary" loading={saving} onClick={() => void onOk()}>
              {t('common.create')}
            </Button>,
          ]
        )
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('tenants.created')}
          subTitle={t('tenants.createdHint', { name: created.name })}
          extra={
            <Typography.Title
              level={2}
              copyable
              style={{ margin: 0, letterSpacing: 4 }}
              data-testid="created-house-number"
            >
              {created.houseNumber}
            </Typography.Title>
          }
        />
      ) : (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }} requiredMark={false}>
          <Form.Item
            name="name"
            label={t('tenants.name')}
            rules={[
              { required: true, whitespace: true, message: t('tenants.nameRequired') },
              { max: 100, message: t('common.tooLong', { max: 100 }) },
            ]}
          >
            <Input autoFocus autoComplete="off" onPressEnter={() => void onOk()} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
