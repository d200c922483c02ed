import { App, Checkbox, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/auth';
import { tenantsApi } from '../../../api/tenants';
import { usersApi, type UserRow } from '../../../api/users';
import { MIN_PASSWORD_LENGTH } from '../../../components/change-password-form';
import { useApiError } from '../../../components/use-api-error';
import type { TreeSelectNode } from '../../../components/use-department-tree';

interface Values {
  username: string;
  realname: string;
  password?: string;
  phone?: string;
  email?: string;
  position?: string;
  departmentIds?: number[];
  mainDepartmentId?: number | null;
  role: Role;
  mustChangePassword?: boolean;
}

const FIELD_BY_CODE: Record<string, string> = {
  'users.username_taken': 'username',
  'users.main_department_invalid': 'mainDepartmentId',
};

function initialValues(target: UserRow | 'new'): Partial<Values> {
  if (target === 'new') return { role: 'member', departmentIds: [], mustChangePassword: true };
  return {
    username: target.username,
    realname: target.realname,
    phone: target.phone ?? undefined,
    email: target.email ?? undefined,
    position: target.position ?? undefined,
    departmentIds: target.departmentIds,
    mainDepartmentId: target.mainDepartmentId,
    role: target.role,
  };
}

async function save(target: UserRow | 'new', values: Values) {
  const departmentIds = values.departmentIds ?? [];
  // The server takes the first department as main when none is named; never send a stale one.
  const mainDepartmentId =
    values.mainDepartmentId != null && departmentIds.includes(values.mainDepartmentId)
      ? values.mainDepartmentId
      : undefined;
  if (target === 'new') {
    await usersApi.add({
      username: values.username.trim(),
      realname: values.realname.trim(),
      password: values.password ?? '',
      departmentIds,
      mainDepartmentId,
      role: values.role,
      mustChangePassword: values.mustChangePassword ?? true,
    });
    return;
  }
  await usersApi.edit({
    id: target.id,
    realname: values.realname.trim(),
    phone: values.phone?.trim() ?? '',
    email: values.email?.trim() ?? '',
    position: values.position?.trim() ?? '',
    departmentIds,
    mainDepartmentId,
  });
  if (values.role !== target.role) await tenantsApi.setRole(target.id, values.role);
}

export function UserFormModal(props: {
  target: UserRow | 'new' | null;
  treeData: TreeSelectNode[];
  departmentNames: Map<number, string>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reportOnForm } = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { target } = props;
  const isNew = target === 'new';
  const chosen = Form.useWatch('departmentIds', form) ?? [];

  useEffect(() => {
    if (target) {
      form.resetFields();
      form.setFieldsValue(initialValues(target));
    }
  }, [target, form]);

  const onOk = async () => {
    if (!target) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      await save(target, values);
      void message.success(isNew ? t('users.added') : t('common.saved'));
      props.onSaved();
    } catch (error) {
      reportOnForm(form, error, FIELD_BY_CODE);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={isNew ? t('users.add') : t('users.edit')}
      onCancel={props.onClose}
      onOk={() => void onOk()}
      confirmLoading={saving}
      okText={t('common.save')}
      forceRender
      width={560}
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" style={{ marginTop: 16 }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { max: 64, message: t('common.tooLong', { max: 64 }) },
            { min: 2, message: t('users.usernamePattern') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, message: t('users.usernamePattern') },
          ]}
        >
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="realname"
          label={t('users.realname')}
          rules={[
            { required: true, whitespace: true, message: t('users.realnameRequired') },
            { max: 100, message: t('common.tooLong', { max: 100 }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {isNew ? <InitialPasswordFields /> : <UserContactFields />}
        <Form.Item name="departmentIds" label={t('users.departments')}>
          <TreeSelect
            multiple
            allowClear
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeData={props.treeData}
            placeholder={t('users.pickDepartments')}
            notFoundContent={t('users.noDepartments')}
          />
        </Form.Item>
        <Form.Item
          name="mainDepartmentId"
          label={t('users.mainDepartment')}
          extra={t('users.mainDepartmentHint')}
        >
          <Select
            allowClear
            disabled={chosen.length === 0}
            options={chosen.map((id) => ({
              value: id,
              label: props.departmentNames.get(id) ?? `#${id}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'member', label: t('roles.member') },
              { value: 'admin', label: t('roles.admin') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UserContactFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="phone"
        label={t('users.phone')}
        rules={[{ max: 32, message: t('common.tooLong', { max: 32 }) }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('users.email')}
        rules={[{ type: 'email', message: t('users.emailInvalid') }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="position"
        label={t('users.position')}
        rules={[{ max: 100, message: t('common.tooLong', { max: 100 }) }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}

function InitialPasswordFields() {
  const { t } = useTranslation();
  const rule = t('password.rule', { min: MIN_PASSWORD_LENGTH });
  return (
    <>
      <Form.Item
        name="password"
        label={t('users.initialPassword')}
        rules={[
          { required: true, message: t('password.newRequired') },
          { min: MIN_PASSWORD_LENGTH, message: rule },
        ]}
        style={{ marginBottom: 8 }}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="mustChangePassword" valuePropName="checked">
        <Checkbox>{t('users.mustChangePassword')}</Checkbox>
      </Form.Item>
    </>
  );
}
