import { Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepartmentNode } from '../../../api/departments';
import { usersApi, type UserRow } from '../../../api/users';
import { usePagedList } from '../../../components/use-paged-list';

function useColumns(departmentId: number): TableColumnsType<UserRow> {
  const { t } = useTranslation();
  return [
    {
      title: t('users.realname'),
      key: 'name',
      render: (_, u) => (
        <div>
          <div>
            {u.realname}
            {u.mainDepartmentId === departmentId && (
              <Tag color="blue" style={{ marginLeft: 8 }}>
                {t('adminTools.departments.main')}
              </Tag>
            )}
          </div>
          <Typography.Text type="secondary">{u.username}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('adminTools.departments.position'),
      dataIndex: 'position',
      render: (p: string | null | undefined) => p || '—',
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (s: number) => (
        <Tag color={s === 2 ? 'red' : 'green'}>{t(`status.user.${s === 2 ? 2 : 1}`)}</Tag>
      ),
    },
  ];
}

/** The members of one department (as 用户管理 filters them), beside the tree. */
function Members({ node }: { node: DepartmentNode }) {
  const { t } = useTranslation();
  const list = usePagedList('users', usersApi.list, { departmentId: node.id });
  return (
    <Table<UserRow>
      rowKey="id"
      size="small"
      data-testid="department-members"
      columns={useColumns(node.id)}
      dataSource={list.data.records}
      loading={list.loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('adminTools.departments.noMembers') }}
      pagination={{
        ...list.pagination,
        size: 'small',
        showTotal: (total) => t('common.total', { total }),
      }}
    />
  );
}

export function DepartmentMembers({ node }: { node: DepartmentNode | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="department-members-title">
      <Typography.Title level={2} style={{ fontSize: 16 }} id="department-members-title">
        {node
          ? t('adminTools.departments.membersOf', { name: node.name })
          : t('adminTools.departments.members')}
      </Typography.Title>
      {/* A new department resets the list (page 1, its own filter). */}
      {node ? (
        <Members key={node.id} node={node} />
      ) : (
        <Empty description={t('adminTools.departments.pick')} />
      )}
    </section>
  );
}
