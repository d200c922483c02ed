import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Table, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { adminToolsApi } from '../../api/admin-tools';
import { ExportButton } from '../../components/admin-tools/export-button';
import { useSession } from '../../app/session';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserRow } from '../../api/users';
import { PageCard } from '../../components/page-card';
import { useInvalidate } from '../../api/use-query-scope';
import { useDepartmentTree } from '../../components/use-department-tree';
import { usePagedList } from '../../components/use-paged-list';
import { UserFormModal } from './components/user-form-modal';
import { UsersBatchBar } from './components/users-batch-bar';
import { useUserColumns } from './use-user-columns';

interface Filters {
  keyword?: string | undefined;
  departmentId?: number | undefined;
}

export function UsersPage() {
  const { t } = useTranslation();
  const departments = useDepartmentTree();
  const list = usePagedList<UserRow, Filters>('users', usersApi.list, {});
  // A freeze, an edit or a role change shows in the users, members and bindings lists.
  const invalidate = useInvalidate();
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const { me, isPlatformAdmin } = useSession();
  const rows = list.data.records;
  // A reload (or another page) keeps only the selected rows still shown.
  useEffect(() => {
    setSelected((s) => s.filter((id) => rows.some((r) => r.id === id)));
  }, [rows]);
  const columns = useUserColumns({
    departmentNames: departments.names,
    onEdit: setEditing,
    onChanged: () => void invalidate('userChanged'),
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
      <Space
        wrap
        size={12}
        style={{ marginBottom: 16, maxWidth: '100%' }}
        styles={{ item: { maxWidth: '100%' } }}
      >
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.searchPlaceholder')}
          style={{ width: 260, maxWidth: '100%' }}
          onSearch={(keyword) => list.setFilters({ keyword: keyword.trim() || undefined })}
          data-testid="users-search"
        />
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('users.filterDepartment')}
          aria-label={t('users.filterDepartment')}
          data-testid="users-department-filter"
          style={{ width: 240, maxWidth: '100%' }}
          treeData={departments.treeData}
          treeDefaultExpandAll
          loading={departments.loading}
          value={list.filters.departmentId}
          onChange={(departmentId?: number) => list.setFilters({ departmentId })}
        />
        {/* Beside the filters it takes: the file holds what the list shows, every page. */}
        <ExportButton
          testId="users-export"
          onExport={() => adminToolsApi.exportUsers(list.filters)}
        />
      </Space>
      <UsersBatchBar
        selected={selected}
        rows={rows}
        onClear={() => setSelected([])}
        onDone={() => void invalidate('bindingChanged')}
      />
      <Table<UserRow>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          // Not your own account, nor one the tenant may not touch (PRODUCT.md §7).
          getCheckboxProps: (row) => ({
            disabled:
              row.id === me?.userInfo.id ||
              (!isPlatformAdmin &&
                (row.ownership === 'platform_admin' || row.ownership === 'inactive_member')),
            'aria-label': t('adminTools.selectRow', { name: row.realname || row.username }),
          }),
        }}
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
          void invalidate('userChanged');
        }}
      />
    </PageCard>
  );
}
