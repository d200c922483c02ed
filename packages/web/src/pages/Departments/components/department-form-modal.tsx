import { App, Form, Input, InputNumber, Modal, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { departmentsApi, type DepartmentNode } from '../../../api/departments';
import { useApiError } from '../../../components/use-api-error';

export type DepartmentAction =
  | { kind: 'add'; node: DepartmentNode | null }
  | { kind: 'rename'; node: DepartmentNode }
  | { kind: 'move'; node: DepartmentNode };

interface Values {
  name?: string;
  parentId?: number;
  order?: number;
}

/** Sentinel for "no parent" in the parent picker (antd selects cannot hold null). */
const ROOT = -1;

interface ParentOption {
  value: number;
  title: string;
  disabled?: boolean;
  children: ParentOption[];
}

/** Parent choices for a move: the node itself and its subtree are disabled (no cycles). */
function parentOptions(
  nodes: DepartmentNode[],
  movingId: number | null,
  blocked = false,
): ParentOption[] {
  return nodes.map((node) => {
    const inside = blocked || node.id === movingId;
    return {
      value: node.id,
      title: node.name,
      disabled: inside,
      children: parentOptions(node.children ?? [], movingId, inside),
    };
  });
}

function submit(action: DepartmentAction, values: Values) {
  if (action.kind === 'add') {
    // A top-level department is sent without parentId (the server reads absent as "top level").
    return departmentsApi.add({
      name: (values.name ?? '').trim(),
      ...(action.node ? { parentId: action.node.id } : {}),
      order: values.order ?? 0,
    });
  }
  if (action.kind === 'rename') {
    return departmentsApi.edit({ id: action.node.id, name: (values.name ?? '').trim() });
  }
  const parentId =
    values.parentId === ROOT || values.parentId === undefined ? null : values.parentId;
  return departmentsApi.edit({ id: action.node.id, parentId });
}

export function DepartmentFormModal(props: {
  action: DepartmentAction | null;
  tree: DepartmentNode[];
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reportOnForm } = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { action } = props;

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action.kind === 'rename') form.setFieldsValue({ name: action.node.name });
    if (action.kind === 'move') form.setFieldsValue({ parentId: action.node.parentId ?? ROOT });
    if (action.kind === 'add') form.setFieldsValue({ order: 0 });
  }, [action, form]);

  const onOk = async () => {
    if (!action) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      await submit(action, values);
      void message.success(t('common.saved'));
      await props.onSaved();
    } catch (error) {
      reportOnForm(form, error, {
        'departments.cycle': 'parentId',
        'departments.parent_not_found': 'parentId',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? modalTitle(t, action) : ''}
      onCancel={props.onClose}
      onOk={() => void onOk()}
      okText={t('common.save')}
      confirmLoading={saving}
      forceRender
      width={480}
    >
      <Form<Values> form={form} layout="vertical" style={{ marginTop: 16 }} requiredMark={false}>
        {action && <DepartmentFields action={action} tree={props.tree} />}
      </Form>
    </Modal>
  );
}

function modalTitle(t: TFunction, action: DepartmentAction): string {
  const name = action.node?.name ?? '';
  if (action.kind === 'rename') return t('departments.renameOf', { name });
  if (action.kind === 'move') return t('departments.moveOf', { name });
  return action.node ? t('departments.addChildOf', { name }) : t('departments.addRoot');
}

function DepartmentFields({ action, tree }: { action: DepartmentAction; tree: DepartmentNode[] }) {
  const { t } = useTranslation();
  const movingId = action.kind === 'move' ? action.node.id : null;
  const options = useMemo(
    () => [
      { value: ROOT, title: t('departments.root'), children: [] },
      ...parentOptions(tree, movingId),
    ],
    [tree, movingId, t],
  );
  if (action.kind === 'move') {
    return (
      <Form.Item name="parentId" label={t('departments.parent')} rules={[{ required: true }]}>
        <TreeSelect
          treeData={options}
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
        />
      </Form.Item>
    );
  }
  return (
    <>
      <Form.Item
        name="name"
        label={t('departments.name')}
        rules={[
          { required: true, whitespace: true, message: t('departments.nameRequired') },
          { max: 100, message: t('common.tooLong', { max: 100 }) },
        ]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      {action.kind === 'add' && (
        <Form.Item name="order" label={t('departments.order')} extra={t('departments.orderHint')}>
          <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} />
        </Form.Item>
      )}
    </>
  );
}
