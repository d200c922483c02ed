import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MembershipStatus, Role } from '../api/auth';

const MEMBERSHIP_COLORS: Record<MembershipStatus, string> = {
  1: 'green',
  2: 'default',
  3: 'orange',
  4: 'red',
  5: 'blue',
};

export function MembershipStatusTag({ status }: { status: MembershipStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={MEMBERSHIP_COLORS[status] ?? 'default'}>{t(`status.membership.${status}`)}</Tag>
  );
}

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={role === 'admin' ? 'gold' : 'default'}>{t(`roles.${role}`)}</Tag>;
}
