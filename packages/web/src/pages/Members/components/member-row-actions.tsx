import { App, Button, Popconfirm, Select, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/auth';
import { tenantsApi, type MemberRow } from '../../../api/tenants';
import { notifyPendingApprovalsChanged } from '../../../app/layout/use-pending-approvals';
import { useSession } from '../../../app/session';
import { useApiError } from '../../../components/use-api-error';

/** Review (审核) for pending requests, the role picker for active members, nothing otherwise. */
export function MemberRowActions({ row, onChanged }: { row: MemberRow; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const { me, isPlatformAdmin } = useSession();
  // No tenant changes a platform administrator's role (PRODUCT.md §7); one acting may.
  const protectedAdmin = row.ownership === 'platform_admin' && !isPlatformAdmin;

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      onChanged();
      notifyPendingApprovalsChanged();
    } catch (error) {
      report(error);
    }
  };

  if (row.status === 3) {
    return (
      <Space size={0}>
        <Button
          type="link"
          size="small"
          onClick={() => void run(() => tenantsApi.approve(row.userId), t('members.approved'))}
        >
          {t('members.approve')}
        </Button>
        <Popconfirm
          title={t('members.refuseConfirm', { name: row.realname || row.username })}
          onConfirm={() => run(() => tenantsApi.refuse(row.userId), t('members.refused'))}
        >
          <Button type="link" size="small" danger>
            {t('members.refuse')}
          </Button>
        </Popconfirm>
      </Space>
    );
  }
  if (row.status !== 1) return <Typography.Text type="secondary">—</Typography.Text>;
  const picker = (
    <Select<Role>
      size="small"
      value={row.role}
      style={{ width: 120 }}
      aria-label={t('members.role')}
      disabled={row.userId === me?.userInfo.id || protectedAdmin}
      options={[
        { value: 'member', label: t('roles.member') },
        { value: 'admin', label: t('roles.admin') },
      ]}
      onChange={(role) =>
        void run(() => tenantsApi.setRole(row.userId, role), t('members.roleChanged'))
      }
    />
  );
  return protectedAdmin ? (
    <Tooltip title={t('users.ownership.platform_admin')}>{picker}</Tooltip>
  ) : (
    picker
  );
}
