import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Input, Row } from 'antd';
import { useMemo, useState } from 'react';
import { flattenDepartments } from '../../api/departments';
import { useTranslation } from 'react-i18next';
import { departmentsApi, type DepartmentNode } from '../../api/departments';
import { PageCard } from '../../components/page-card';
import { useApiError } from '../../components/use-api-error';
import { useDepartmentTree } from '../../components/use-department-tree';
import { DepartmentFormModal, type DepartmentAction } from './components/department-form-modal';
import { DepartmentMembers } from './components/department-members';
import { DepartmentTree } from './components/department-tree';
import { filterTree } from './filter-tree';

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { report } = useApiError();
  const departments = useDepartmentTree();
  const [action, setAction] = useState<DepartmentAction | null>(null);
  const [keyword, setKeyword] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const shown = useMemo(() => filterTree(departments.tree, keyword), [departments.tree, keyword]);
  // The selected node as the tree now has it (renamed, or gone after a delete).
  const selected = useMemo(
    () => flattenDepartments(departments.tree).find((d) => d.id === selectedId) ?? null,
    [departments.tree, selectedId],
  );

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
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={11}>
          <Input.Search
            allowClear
            aria-label={t('adminTools.departments.search')}
            placeholder={t('adminTools.departments.search')}
            style={{ marginBottom: 12, maxWidth: 360 }}
            onChange={(e) => setKeyword(e.target.value)}
            data-testid="departments-search"
          />
          <DepartmentTree
            tree={shown}
            loading={departments.loading}
            filtered={keyword.trim() !== ''}
            selectedId={selectedId}
            onSelect={(node) => setSelectedId(node?.id ?? null)}
            {...(keyword.trim() && departments.tree.length > 0
              ? { emptyText: t('adminTools.departments.noMatch', { keyword: keyword.trim() }) }
              : {})}
            onAction={(kind, node) =>
              kind === 'delete' ? confirmDelete(node) : setAction({ kind, node })
            }
          />
        </Col>
        <Col xs={24} lg={13}>
          <DepartmentMembers node={selected} />
        </Col>
      </Row>
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
