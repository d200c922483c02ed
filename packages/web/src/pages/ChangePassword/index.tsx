import { Alert, App, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../../app/layout/language-switch';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';
import { ChangePasswordForm } from '../../components/change-password-form';
import { SetPasswordForm } from '../../components/set-password-form';
import { AuthShell } from '../Login/auth-shell';

/**
 * Shown instead of the console while the account still has to replace its initial password; a
 * WeCom-only member (no password yet) sets a first one here instead.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const forced = session.me?.userInfo.mustChangePassword === true;
  const setting = session.me?.userInfo.hasPassword === false;

  const onDone = async () => {
    void message.success(t(setting ? 'account.setPassword.done' : 'password.changed'));
    await session.refresh();
    navigate('/', { replace: true });
  };

  const onLogout = async () => {
    await session.logout();
    navigate(paths.login, { replace: true });
  };

  return (
    <AuthShell corner={<LanguageSwitch />}>
      <Card style={{ width: 420, maxWidth: '100%' }} data-testid="change-password-card">
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24, lineHeight: 1.35 }}>
          {t(setting ? 'account.setPassword.title' : 'password.title')}
        </Typography.Title>
        {forced && (
          <Alert
            type="warning"
            showIcon
            title={t('password.forced')}
            style={{ marginBottom: 16 }}
          />
        )}
        {setting && (
          <Alert
            type="info"
            showIcon
            title={t('account.setPassword.intro')}
            style={{ marginBottom: 16 }}
          />
        )}
        {setting ? <SetPasswordForm onDone={onDone} /> : <ChangePasswordForm onDone={onDone} />}
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void onLogout()}>
          {t('header.logout')}
        </Button>
      </Card>
    </AuthShell>
  );
}
