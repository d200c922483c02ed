import { App, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form';

export function ChangePasswordModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal
      open={props.open}
      title={t('password.title')}
      footer={null}
      onCancel={props.onClose}
      destroyOnHidden
      width={420}
    >
      <ChangePasswordForm
        onDone={() => {
          void message.success(t('password.changed'));
          props.onClose();
        }}
      />
    </Modal>
  );
}
