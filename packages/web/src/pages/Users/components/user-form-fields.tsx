import { Checkbox, Form, Input, Radio, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../components/change-password-form';
import type { TreeSelectNode } from '../../../components/use-department-tree';

// Limits mirror the server's schemas so most mistakes are caught before a round trip.
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]*$/;

export function IdentityFields({ isNew, shared = false }: { isNew: boolean; shared?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="username"
        label={t('users.username')}
        rules={[
          { required: true, whitespace: true, message: t('users.usernameRequired') },
          { max: 100, message: t('common.tooLong', { max: 100 }) },
          { min: 2, message: t('users.usernamePattern') },
          { pattern: USERNAME, message: t('users.usernamePattern') },
        ]}
      >
        <Input disabled={!isNew} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="realname"
        label={t('users.realname')}
        extra={shared ? t('users.ownership.thisTenantOnly') : undefined}
        rules={[
          { required: true, whitespace: true, message: t('users.realnameRequired') },
          { max: 100, message: t('common.tooLong', { max: 100 }) },
        ]}
      >
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}

/** Departments (several) and the main one, which must be among them. */
export function DepartmentFields(props: {
  treeData: TreeSelectNode[];
  departmentNames: Map<number, string>;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const chosen: number[] = Form.useWatch('departmentIds', form) ?? [];
  return (
    <>
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
    </>
  );
}

export function RoleField({ disabled = false }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="role" label={t('users.role')}>
      <Radio.Group
        disabled={disabled}
        optionType="button"
        options={[
          { value: 'member', label: t('roles.member') },
          { value: 'admin', label: t('roles.admin') },
        ]}
      />
    </Form.Item>
  );
}

/**
 * Phone, e-mail, position. For a `shared` account (also active in another tenant) phone and
 * e-mail belong to its owner and stay read-only; the position is the one shown in this tenant.
 */
export function UserContactFields({ shared = false }: { shared?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="phone"
        label={t('users.phone')}
        extra={shared ? t('users.ownership.ownerOnly') : undefined}
        rules={[{ max: 30, message: t('common.tooLong', { max: 30 }) }]}
      >
        <Input autoComplete="off" disabled={shared} data-testid="user-phone" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('users.email')}
        extra={shared ? t('users.ownership.ownerOnly') : undefined}
        rules={[{ type: 'email', message: t('users.emailInvalid') }]}
      >
        <Input autoComplete="off" disabled={shared} data-testid="user-email" />
      </Form.Item>
      <Form.Item
        name="position"
        label={t('users.position')}
        extra={shared ? t('users.ownership.thisTenantOnly') : undefined}
        rules={[{ max: 100, message: t('common.tooLong', { max: 100 }) }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}

export function InitialPasswordFields() {
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
