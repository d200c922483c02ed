import { Alert, App, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/auth';
import { tenantsApi } from '../../../api/tenants';
import { usersApi, type UserRow } from '../../../api/users';
import { useApiError } from '../../../components/use-api-error';
import type { TreeSelectNode } from '../../../components/use-department-tree';
import { useOwnership } from '../use-ownership';
import {
  DepartmentFields,
  IdentityFields,
  InitialPasswordFields,
  RoleField,
  UserContactFields,
} from './user-form-fields';

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

async function save(target: UserRow | 'new', values: Values, shared: boolean) {
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
    // A shared account's phone and e-mail are its owner's: never sent, not even unchanged.
    ...(shared ? {} : { phone: values.phone?.trim() ?? '', email: values.email?.trim() ?? '' }),
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
  const limits = useOwnership(target === 'new' ? null : target);

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
      await save(target, values, limits.shared);
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
      okButtonProps={{ disabled: limits.locked }}
      forceRender
      width={560}
    >
      {(limits.shared || limits.locked) && (
        <Alert
          type={limits.locked ? 'warning' : 'info'}
          showIcon
          style={{ marginTop: 16 }}
          data-testid="user-ownership-notice"
          title={t(`users.ownership.${limits.ownership}`)}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        style={{ marginTop: 16 }}
        disabled={limits.locked}
      >
        <IdentityFields isNew={isNew} shared={limits.shared} />
        {isNew ? <InitialPasswordFields /> : <UserContactFields shared={limits.shared} />}
        <DepartmentFields treeData={props.treeData} departmentNames={props.departmentNames} />
        <RoleField disabled={limits.platformAdmin} />
      </Form>
    </Modal>
  );
}
