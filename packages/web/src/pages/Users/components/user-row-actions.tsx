import { App, Button, Popconfirm, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserRow } from '../../../api/users';
import { useSession } from '../../../app/session';
import { useApiError } from '../../../components/use-api-error';
import { useOwnership } from '../use-ownership';
import { ResetPasswordAction } from './reset-password';

/**
 * Edit, and freeze/unfreeze in the current tenant (not offered on your own account, nor on an
 * account the tenant may not touch: a platform administrator or a member who is not active).
 */
export function UserRowActions(props: {
  user: UserRow;
  onEdit: (user: UserRow) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const { me } = useSession();
  const { user } = props;
  const frozen = user.status === 2;
  const limits = useOwnership(user);
  const why = limits.locked ? t(`users.ownership.${limits.ownership}`) : undefined;

  const toggleFreeze = async () => {
    try {
      await usersApi.freeze(user.id, !frozen);
      void message.success(frozen ? t('users.unfrozenOk') : t('users.frozenOk'));
      props.onChanged();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Tooltip title={why}>
      <Space size={0} data-testid={`user-actions-${user.username}`}>
        <Button
          type="link"
          size="small"
          disabled={limits.locked}
          onClick={() => props.onEdit(user)}
        >
          {t('common.edit')}
        </Button>
        <Popconfirm
          title={frozen ? t('users.unfreezeConfirm') : t('users.freezeConfirm')}
          description={frozen ? undefined : t('users.freezeHint')}
          onConfirm={toggleFreeze}
        >
          <Button
            type="link"
            size="small"
            danger={!frozen}
            disabled={user.id === me?.userInfo.id || limits.locked}
          >
            {frozen ? t('users.unfreeze') : t('users.freeze')}
          </Button>
        </Popconfirm>
        <ResetPasswordAction user={user} />
      </Space>
    </Tooltip>
  );
}
