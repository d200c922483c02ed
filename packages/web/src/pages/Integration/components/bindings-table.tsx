import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { adminToolsApi } from '../../../api/admin-tools';
import { bindingsApi, type BindingRow } from '../../../api/bindings';
import { ExportButton } from '../../../components/admin-tools/export-button';
import { formatTime } from '../../../components/format';
import { MembershipStatusTag } from '../../../components/status-tags';
import { useApiError } from '../../../components/use-api-error';
import { useInvalidate } from '../../../api/use-query-scope';
import { usePagedList } from '../../../components/use-paged-list';
import { schemaThirdType, type ThirdType } from '../../../api/third-app';
import { useIntegration } from '../integration-context';

interface Filters {
  thirdType: ThirdType;
  keyword?: string | undefined;
}

const awaiting = (row: BindingRow) => row.state === 'awaiting_owner';
const rowKey = (row: BindingRow) =>
  row.id !== null ? `b${row.id}` : `r${row.linkRequestId ?? row.wechatUserId}`;

/** 等待本人同意: the account's owner has not yet accepted the tenant's link request. */
function BindingState({ row }: { row: BindingRow }) {
  const { t } = useTranslation();
  if (awaiting(row)) {
    return (
      <Tooltip title={t('wecom.bindings.awaitingHint')}>
        <Tag color="orange" data-testid="wecom-binding-awaiting">
          {t('wecom.bindings.awaiting')}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag color={row.active ? 'green' : 'default'}>
      {t(row.active ? 'wecom.bindings.active' : 'wecom.bindings.inactive')}
    </Tag>
  );
}

function Member({ row }: { row: BindingRow }) {
  const { t } = useTranslation();
  // The tenant is never told who an account outside it is.
  if (row.outsider || (row.username === null && row.realname === null)) {
    return <Typography.Text type="secondary">{t('wecom.bindings.outsider')}</Typography.Text>;
  }
  return (
    <div>
      <div>{row.realname}</div>
      <Typography.Text type="secondary">{row.username}</Typography.Text>
    </div>
  );
}

function useColumns(
  onRemove: (row: BindingRow) => void,
  onCancel: (row: BindingRow) => void,
): ColumnsType<BindingRow> {
  const { t, i18n } = useTranslation();
  const { provider } = useIntegration();
  return [
    {
      title: t('wecom.bindings.member'),
      key: 'member',
      render: (_, row) => <Member row={row} />,
    },
    { title: t('wecom.bindings.wechatUserId', { provider }), dataIndex: 'wechatUserId' },
    { title: t('wecom.bindings.wechatName', { provider }), dataIndex: 'wechatName' },
    {
      title: t('wecom.bindings.membership'),
      dataIndex: 'membershipStatus',
      render: (status: BindingRow['membershipStatus']) =>
        status === null ? '—' : <MembershipStatusTag status={status} />,
    },
    {
      title: t('wecom.bindings.binding'),
      key: 'state',
      render: (_, row) => <BindingState row={row} />,
    },
    {
      title: t('wecom.bindings.boundAt'),
      key: 'boundAt',
      render: (_, row) => formatTime(row.boundAt, i18n.language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) =>
        awaiting(row) ? (
          <Button
            type="link"
            size="small"
            onClick={() => onCancel(row)}
            data-testid={`wecom-binding-cancel-${row.wechatUserId}`}
          >
            {t('wecom.bindings.cancelRequest')}
          </Button>
        ) : (
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
  const { thirdType, provider } = useIntegration();
  const list = usePagedList<BindingRow, Filters>('bindings', bindingsApi.list, { thirdType });
  const { reload } = list;
  const invalidate = useInvalidate();

  // The configuration changed (e.g. 取消绑定 flags bindings inactive): show the new state.
  const firstKey = useRef(refreshKey);
  useEffect(() => {
    if (firstKey.current !== refreshKey) void reload();
  }, [refreshKey, reload]);

  const confirmCancel = (row: BindingRow) => {
    const name = row.wechatName || row.wechatUserId;
    modal.confirm({
      title: t('wecom.bindings.cancelTitle', { name }),
      content: t('wecom.bindings.cancelBody', { name }),
      okText: t('wecom.bindings.cancelRequest'),
      okButtonProps: { 'data-testid': 'wecom-binding-cancel-confirm' },
      cancelText: t('wecom.bindings.keepRequest'),
      onOk: async () => {
        try {
          if (row.linkRequestId == null) return;
          await bindingsApi.cancelRequest(row.linkRequestId);
          void message.success(t('wecom.bindings.cancelled'));
          void invalidate('bindingChanged');
        } catch (error) {
          report(error);
        }
      },
    });
  };

  const confirmRemove = (row: BindingRow) => {
    const name = row.realname || row.username || row.wechatName;
    modal.confirm({
      title: t('wecom.bindings.removeTitle', { name }),
      content: t('wecom.bindings.removeBody', { name, provider }),
      okText: t('wecom.bindings.remove'),
      okButtonProps: { danger: true, 'data-testid': 'wecom-binding-remove-confirm' },
      cancelText: t('common.cancel'),
      autoFocusButton: 'cancel',
      onOk: async () => {
        try {
          if (row.id === null) return;
          await bindingsApi.remove(row.id);
          void message.success(t('wecom.bindings.removed'));
          void invalidate('bindingChanged');
        } catch (error) {
          report(error);
        }
      },
    });
  };

  return (
    <div data-testid="wecom-bindings">
      <Typography.Paragraph type="secondary">
        {t('wecom.bindings.intro', { provider })}
      </Typography.Paragraph>
      {/* Wraps on a phone; the search shrinks rather than push the page wider than the screen. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('wecom.bindings.search', { provider })}
          style={{ flex: '0 1 320px', minWidth: 0 }}
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
        <ExportButton
          testId="wecom-bindings-export"
          onExport={() =>
            adminToolsApi.exportBindings({
              ...list.filters,
              thirdType: schemaThirdType(list.filters.thirdType),
            })
          }
        />
      </div>
      <Table<BindingRow>
        rowKey={rowKey}
        size="small"
        columns={useColumns(confirmRemove, confirmCancel)}
        dataSource={list.data.records}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        locale={{
          // A search that finds nothing is not "no bound members yet".
          emptyText: list.filters.keyword
            ? t('wecom.bindings.noMatch', { keyword: list.filters.keyword })
            : t('wecom.bindings.empty'),
        }}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
      />
    </div>
  );
}
