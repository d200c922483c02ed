import { PlusOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentsApi, type DepartmentNode } from '../../api/departments';
import { PageCard } from '../../components/page-card';
import { useApiError } from '../../components/use-api-error';
import { useDepartmentTree } from '../../components/use-department-tree';
import { DepartmentFormModal, type DepartmentAction } from './components/department-form-modal';
import { DepartmentTree } from './components/department-tree';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { report } = useApiError();
  const departments = useDepartmentTree();
  const [action, setAction] = useState<DepartmentAction | null>(null);

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
      <DepartmentTree
        tree={departments.tree}
        loading={departments.loading}
        onAction={(kind, node) =>
          kind === 'delete' ? confirmDelete(node) : setAction({ kind, node })
        }
      />
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
