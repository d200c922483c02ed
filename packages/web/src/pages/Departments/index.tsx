import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Spin, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentsApi, flattenDepartments, type DepartmentNode } from '../../api/departments';
import { PageCard } from '../../components/page-card';
import { useApiError } from '../../components/use-api-error';
import { useDepartmentTree } from '../../components/use-department-tree';
import { DepartmentFormModal, type DepartmentAction } from './components/department-form-modal';
import { DepartmentTitle } from './components/department-title';

interface AntTreeNode {
  key: number;
  title: string;
  node: DepartmentNode;
  children: AntTreeNode[];
}

function toAntTree(nodes: DepartmentNode[]): AntTreeNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title: node.name,
    node,
    children: toAntTree(node.children ?? []),
  }));
}

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { report } = useApiError();
  const departments = useDepartmentTree();
  const [action, setAction] = useState<DepartmentAction | null>(null);
  const treeData = useMemo(() => toAntTree(departments.tree), [departments.tree]);
  // Track what the admin collapsed rather than what is open, so new branches show expanded.
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const parentKeys = useMemo(
    () =>
      flattenDepartments(departments.tree)
        .filter((d) => (d.children ?? []).length > 0)
        .map((d) => d.id),
    [departments.tree],
  );
  const expandedKeys = parentKeys.filter((id) => !collapsed.has(id));

  const confirmDelete = (node: DepartmentNode) => {
    modal.confirm({
      title: t('departments.deleteConfirm', { name: node.name }),
      content: t('departments.deleteHint'),
      okType: 'danger',
      okText: t('common.delete'),
      onOk: async () => {
        try {
          await departmentsApi.remove(node.id);
          void message.success(t('departments.deleted'));
          await departments.reload();
        } catch (error) {
          // A department with children or members answers 409; its message says which.
          report(error);
        }
      },
    });
  };

  const body =
    departments.loading && treeData.length === 0 ? (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    ) : treeData.length === 0 ? (
      <Empty description={t('departments.empty')} />
    ) : (
      <Tree<AntTreeNode>
        blockNode
        showLine
        expandedKeys={expandedKeys}
        onExpand={(keys) => {
          const open = new Set(keys.map(Number));
          setCollapsed(new Set(parentKeys.filter((id) => !open.has(id))));
        }}
        treeData={treeData}
        selectable={false}
        titleRender={(item) => (
          <DepartmentTitle
            node={item.node}
            onAction={(kind) =>
              kind === 'delete' ? confirmDelete(item.node) : setAction({ kind, node: item.node })
            }
          />
        )}
      />
    );

  return (
    <PageCard
      testId="departments-page"
      title={t('departments.title')}
      description={t('departments.description')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setAction({ kind: 'add', node: null })}
        >
          {t('departments.addRoot')}
        </Button>
      }
    >
      {treeData.length === 0 ? body : <div style={{ maxWidth: 720 }}>{body}</div>}
      <DepartmentFormModal
        action={action}
        tree={departments.tree}
        onClose={() => setAction(null)}
        onSaved={async () => {
          setAction(null);
          await departments.reload();
        }}
      />
    </PageCard>
  );
}
