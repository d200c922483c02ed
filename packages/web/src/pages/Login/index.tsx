import { Alert, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../../app/layout/language-switch';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';
import { ApiError } from '../../api/client';
import { CredentialsFields } from '../../components/credentials-fields';
import { errorText } from '../../components/use-api-error';
import { getTenantId } from '../../api/storage';
import { AuthShell } from './auth-shell';
import { useTenantSignIn, WeComSignInButton } from './wecom-sign-in';

interface Values {
  username: string;
  password: string;
}

interface LocationState {
  from?: string;
  tenantId?: number;
}

function loginErrorText(t: ReturnType<typeof useTranslation>['t'], error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return t('login.invalid');
  return errorText(t, error);
}

/** `tenantId`: the tenant whose home page (`/tenantId/:id`) shows this form. */
export function LoginPage(props: { tenantId?: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LocationState;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const tenantId = props.tenantId ?? state.tenantId ?? getTenantId();
  const wecom = useTenantSignIn(tenantId);

  if (session.status === 'ready' && !submitting) return <Navigate to={state.from ?? '/'} replace />;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await session.login(
        values.username.trim(),
        values.password,
        props.tenantId ?? state.tenantId,
      );
      const next = me.userInfo.mustChangePassword ? paths.changePassword : (state.from ?? '/');
      navigate(next, { replace: true });
    } catch (caught) {
      setError(loginErrorText(t, caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthShell corner={<LanguageSwitch />}>
      <Card style={{ width: 380, maxWidth: '100%' }} data-testid="login-card">
        <Typography.Title
          level={1}
          style={{ marginTop: 0, textAlign: 'center', fontSize: 24, lineHeight: 1.35 }}
        >
          {props.tenantId !== undefined && wecom?.name
            ? t('thirdLogin.tenantTitle', { name: wecom.name })
            : t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {props.tenantId !== undefined
            ? t('thirdLogin.tenantSubtitle', { id: props.tenantId })
            : t('login.subtitle')}
        </Typography.Paragraph>
        {wecom?.wecomEnabled && tenantId !== null && (
          <WeComSignInButton tenantId={tenantId} redirect={state.from} />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Values>
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          requiredMark={false}
          size="large"
        >
          <CredentialsFields />
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </AuthShell>
  );
}
