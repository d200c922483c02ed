import { Alert, App, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { ChangePasswordForm } from './change-password-form';
import { SetPasswordForm } from './set-password-form';

/** Change the password, or — for a WeCom-only member without one — set a first password. */
export function ChangePasswordModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useSession();
  const setting = session.me?.userInfo.hasPassword === false;
  return (
    <Modal
      open={props.open}
      title={t(setting ? 'account.setPassword.title' : 'password.title')}
      footer={null}
      onCancel={props.onClose}
      destroyOnHidden
      width={420}
    >
      {setting ? (
        <>
          <Alert
            type="info"
            showIcon
            title={t('account.setPassword.intro')}
            style={{ marginBottom: 16 }}
          />
          <SetPasswordForm
            onDone={async () => {
              void message.success(t('account.setPassword.done'));
              props.onClose();
              await session.refresh();
            }}
          />
        </>
      ) : (
        <ChangePasswordForm
          onDone={() => {
            void message.success(t('password.changed'));
            props.onClose();
          }}
        />
      )}
    </Modal>
  );
}
