import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  API_KEY_PERMISSIONS,
  apiKeysApi,
  permissionKey,
  type ApiKeyPermission,
  type CreatedApiKey,
} from '../../../api/api-keys';
import { useApiError } from '../../../components/use-api-error';

interface Values {
  name: string;
  permissions: ApiKeyPermission[];
  /** Days until expiry; 0 = until revoked. */
  expiresInDays: number;
}

const EXPIRY_DAYS = [0, 7, 30, 90, 180, 365, 730] as const;

/** Name, permissions and expiry; then the key, shown this once with a copy button. */
export function CreateApiKeyModal(props: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { reportOnForm } = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);

  const close = () => {
    setCreated(null);
    setCopied(false);
    form.resetFields();
    props.onClose();
  };

  const onOk = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      const days = values.expiresInDays;
      setCreated(
        await apiKeysApi.create({
          name: values.name.trim(),
          permissions: values.permissions,
          ...(days ? { expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } : {}),
        }),
      );
      props.onCreated();
    } catch (error) {
      reportOnForm(form, error, {
        'api_keys.invalid_name': 'name',
        'api_keys.invalid_expiry': 'expiresInDays',
      });
    } finally {
      setSaving(false);
    }
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard.writeText(created.key).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <Modal
      open={props.open}
      title={created ? t('apiKeys.createdTitle') : t('apiKeys.create')}
      onCancel={close}
      maskClosable={!created}
      forceRender
      width={560}
      footer={
        created ? (
          <Button type="primary" onClick={close} data-testid="api-key-done">
            {t('apiKeys.copiedDone')}
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
        <Space direction="vertical" size={16} style={{ width: '100%', marginTop: 8 }}>
          <Alert type="warning" showIcon message={t('apiKeys.onceWarning')} />
          <Typography.Paragraph
            code
            data-testid="created-api-key"
            style={{ wordBreak: 'break-all', marginBottom: 0, fontSize: 13 }}
          >
            {created.key}
          </Typography.Paragraph>
          <Space wrap>
            <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-api-key">
              {copied ? t('apiKeys.copied') : t('apiKeys.copy')}
            </Button>
            <Typography.Text type="secondary">{t('apiKeys.usage')}</Typography.Text>
          </Space>
        </Space>
      ) : (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          requiredMark={false}
          initialValues={{ permissions: ['messages:send'], expiresInDays: 0 }}
        >
          <Form.Item
            name="name"
            label={t('apiKeys.name')}
            extra={t('apiKeys.nameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('apiKeys.nameRequired') },
              { max: 64, message: t('common.tooLong', { max: 64 }) },
            ]}
          >
            <Input autoFocus autoComplete="off" maxLength={64} data-testid="api-key-name" />
          </Form.Item>
          <Form.Item
            name="permissions"
            label={t('apiKeys.permissions')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('apiKeys.permissionsRequired') },
            ]}
          >
            <Checkbox.Group style={{ width: '100%' }}>
              <Space direction="vertical" size={8} style={{ width: '100%' }}>
                {API_KEY_PERMISSIONS.map((p) => (
                  <Checkbox key={p} value={p} data-testid={`permission-${p}`}>
                    <Typography.Text strong>
                      {t(`apiKeys.permission.${permissionKey(p)}.label`)}
                    </Typography.Text>{' '}
                    <Typography.Text code>{p}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {t(`apiKeys.permission.${permissionKey(p)}.help`)}
                    </Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('apiKeys.expiry')}>
            <Select
              options={EXPIRY_DAYS.map((d) => ({
                value: d,
                label: d ? t('apiKeys.expiresIn', { count: d }) : t('apiKeys.never'),
              }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
