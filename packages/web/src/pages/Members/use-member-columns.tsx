import { Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberRow } from '../../api/tenants';
import { formatTime } from '../../components/format';
import { MembershipStatusTag } from '../../components/status-tags';
import { MemberRowActions } from './components/member-row-actions';

export function useMemberColumns(onChanged?: () => void): TableColumnsType<MemberRow> {
  const { t, i18n } = useTranslation();
  return [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.realname'), dataIndex: 'realname', key: 'realname' },
    {
      title: t('members.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: MemberRow['status'], row) => (
        <Space size={4}>
          <MembershipStatusTag status={status} />
          {row.frozen && <Tag color="red">{t('status.user.2')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('members.since'),
      key: 'since',
      render: (_, row) => formatTime(row.createdAt, i18n.language),
    },
    {
      title: t('members.roleOrReview'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => <MemberRowActions row={row} onChanged={onChanged} />,
    },
  ];
}
