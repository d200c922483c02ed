import { Alert, Button, Modal, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi, type UserRow } from '../../../api/users';
import { useSession } from '../../../app/session';
import { useApiError } from '../../../components/use-api-error';

/** The one-time password, shown once: large, monospace, with a copy button. */
function OneTimePasswordDialog(props: { user: UserRow; password: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { user, password } = props;
  return (
    <Modal
      open
      title={t('resetPassword.dialogTitle')}
      onCancel={props.onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={props.onClose} data-testid="reset-password-close">
          {t('resetPassword.close')}
        </Button>
      }
    >
      <Typography.Paragraph>
        {t('resetPassword.dialogIntro', { name: user.realname, username: user.username })}
      </Typography.Paragraph>
      <Typography.Paragraph
        code
        copyable={{ text: password, tooltips: [undefined, t('resetPassword.copied')] }}
        data-testid="reset-password-value"
        style={{ fontSize: 20, letterSpacing: 1, wordBreak: 'break-all' }}
      >
        {password}
      </Typography.Paragraph>
      <Alert type="warning" showIcon title={t('resetPassword.showOnce')} />
    </Modal>
  );
}

/**
 * 重置密码: offered on the tenant's own accounts only (the server's trust policy decides; a
 * shared account or a platform administrator is its owner's), never on your own.
 */
export function ResetPasswordAction({ user }: { user: UserRow }) {
  const { t } = useTranslation();
  const { report } = useApiError();
  const { me, isPlatformAdmin } = useSession();
  const [password, setPassword] = useState<string | null>(null);
  const self = user.id === me?.userInfo.id;
  const allowed = user.ownership === 'own' || (isPlatformAdmin && user.ownership === 'shared');
  const why = self ? t('resetPassword.self') : allowed ? undefined : t('resetPassword.notOwn');

  const reset = async () => {
    try {
      const result = await usersApi.resetPassword(user.id);
      setPassword(result.password);
    } catch (error) {
      report(error);
    }
  };

  return (
    <>
      <Popconfirm
        title={t('resetPassword.confirmTitle', { name: user.realname })}
        description={<div style={{ maxWidth: 280 }}>{t('resetPassword.confirmHint')}</div>}
        okText={t('resetPassword.confirmOk')}
        okButtonProps={{ danger: true }}
        onConfirm={reset}
      >
        <Button
          type="link"
          size="small"
          disabled={self || !allowed}
          title={why}
          data-testid={`reset-password-${user.username}`}
        >
          {t('resetPassword.action')}
        </Button>
      </Popconfirm>
      {password !== null && (
        <OneTimePasswordDialog user={user} password={password} onClose={() => setPassword(null)} />
      )}
    </>
  );
}
