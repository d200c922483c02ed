import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserRow } from '../../../api/users';
import { useSession } from '../../../app/session';
import { useApiError } from '../../../components/use-api-error';

/** Edit, and freeze/unfreeze in the current tenant (not offered on your own account). */
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
    <Space size={0}>
      <Button type="link" size="small" onClick={() => props.onEdit(user)}>
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={frozen ? t('users.unfreezeConfirm') : t('users.freezeConfirm')}
        description={frozen ? undefined : t('users.freezeHint')}
        onConfirm={toggleFreeze}
      >
        <Button type="link" size="small" danger={!frozen} disabled={user.id === me?.userInfo.id}>
          {frozen ? t('users.unfreeze') : t('users.freeze')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
