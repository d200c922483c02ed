import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { bindingsApi, type BindingRow } from '../../../api/bindings';
import { formatTime } from '../../../components/format';
import { MembershipStatusTag } from '../../../components/status-tags';
import { useApiError } from '../../../components/use-api-error';
import { usePagedList } from '../../../components/use-paged-list';

interface Filters {
  keyword?: string | undefined;
}

function useColumns(onRemove: (row: BindingRow) => void): ColumnsType<BindingRow> {
  const { t, i18n } = useTranslation();
  return [
    {
      title: t('wecom.bindings.member'),
      key: 'member',
      render: (_, row) => (
        <div>
          <div>{row.realname}</div>
          <Typography.Text type="secondary">{row.username}</Typography.Text>
        </div>
      ),
    },
    { title: t('wecom.bindings.wechatUserId'), dataIndex: 'wechatUserId' },
    { title: t('wecom.bindings.wechatName'), dataIndex: 'wechatName' },
    {
      title: t('wecom.bindings.membership'),
      dataIndex: 'membershipStatus',
      render: (status: BindingRow['membershipStatus']) => <MembershipStatusTag status={status} />,
    },
    {
      title: t('wecom.bindings.binding'),
      dataIndex: 'active',
      render: (active: boolean) => (
        <Tag color={active ? 'green' : 'default'}>
          {t(active ? 'wecom.bindings.active' : 'wecom.bindings.inactive')}
        </Tag>
      ),
    },
    {
      title: t('wecom.bindings.boundAt'),
      dataIndex: 'boundAt',
      render: (value: string) => formatTime(value, i18n.language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) => (
        <Button
          type="link"
          danger
          size="small"
          onClick={() => onRemove(row)}
          data-testid={`wecom-binding-remove-${row.wechatUserId}`}
        >
          {t('wecom.bindings.remove')}
        </Button>
      ),
    },
  ];
}

/** Step 5 (查看已绑定): searchable, paged bound members with 移出. */
export function BindingsTable({ refreshKey }: { refreshKey: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { report } = useApiError();
  const list = usePagedList<BindingRow, Filters>(bindingsApi.list, {});
  const { reload } = list;

  // The configuration changed (e.g. 取消绑定 flags bindings inactive): show the new state.
  const firstKey = useRef(refreshKey);
  useEffect(() => {
    if (firstKey.current !== refreshKey) void reload();
  }, [refreshKey, reload]);

  const confirmRemove = (row: BindingRow) => {
    const name = row.realname || row.username;
    modal.confirm({
      title: t('wecom.bindings.removeTitle', { name }),
      content: t('wecom.bindings.removeBody', { name }),
      okText: t('wecom.bindings.remove'),
      okButtonProps: { danger: true, 'data-testid': 'wecom-binding-remove-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await bindingsApi.remove(row.id);
          void message.success(t('wecom.bindings.removed'));
          void reload();
        } catch (error) {
          report(error);
        }
      },
    });
  };

  return (
    <div data-testid="wecom-bindings">
      <Typography.Paragraph type="secondary">{t('wecom.bindings.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('wecom.bindings.search')}
          style={{ width: 320 }}
          onSearch={(keyword) => list.setFilters({ keyword: keyword.trim() || undefined })}
          data-testid="wecom-bindings-search"
        />
        {/* A sync that just finished bound new members: let the admin fetch them. */}
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void reload()}
          data-testid="wecom-bindings-reload"
        >
          {t('wecom.bindings.reload')}
        </Button>
      </Space>
      <Table<BindingRow>
        rowKey="id"
        size="small"
        columns={useColumns(confirmRemove)}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('wecom.bindings.empty') }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
    </div>
  );
}
