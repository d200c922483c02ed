import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Table, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserRow } from '../../api/users';
import { PageCard } from '../../components/page-card';
import { useDepartmentTree } from '../../components/use-department-tree';
import { usePagedList } from '../../components/use-paged-list';
import { UserFormModal } from './components/user-form-modal';
import { useUserColumns } from './use-user-columns';

interface Filters {
  keyword?: string | undefined;
  departmentId?: number | undefined;
}

export function UsersPage() {
  const { t } = useTranslation();
  const departments = useDepartmentTree();
  const list = usePagedList<UserRow, Filters>(usersApi.list, {});
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const columns = useUserColumns({
    departmentNames: departments.names,
    onEdit: setEditing,
    onChanged: () => void list.reload(),
  });

  return (
    <PageCard
      testId="users-page"
      title={t('users.title')}
      description={t('users.description')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('users.add')}
        </Button>
      }
    >
      <Space wrap size={12} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          style={{ width: 260 }}
          onSearch={(keyword) => list.setFilters({ keyword: keyword.trim() || undefined })}
          data-testid="users-search"
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('users.filterDepartment')}
          aria-label={t('users.filterDepartment')}
          data-testid="users-department-filter"
          style={{ width: 240 }}
          treeData={departments.treeData}
          treeDefaultExpandAll
          loading={departments.loading}
          value={list.filters.departmentId}
          onChange={(departmentId?: number) => list.setFilters({ departmentId })}
        />
      </Space>
      <Table<UserRow>
        rowKey="id"
        columns={columns}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
      <UserFormModal
        target={editing}
        treeData={departments.treeData}
        departmentNames={departments.names}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void list.reload();
        }}
      />
    </PageCard>
  );
}
