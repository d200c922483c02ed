import { Alert, Button, Card, Form, Typography } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import { ApiError } from '../../api/client';
import { thirdLoginApi } from '../../api/third-login';
import { CredentialsFields } from '../../components/credentials-fields';
import { errorText } from '../../components/use-api-error';
import { useAdoptLogin } from './use-adopt-login';

/** Our explanation for third_login.* refusals, the login page's for a wrong password. */
function linkErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return errorText(t, error);
  if (error.errorCode === 'auth.invalid_credentials') return t('login.invalid');
  const key = `thirdLogin.errors.${error.errorCode?.replace('third_login.', '') ?? ''}`;
  if (error.errorCode?.startsWith('third_login.') && i18n.exists(`${key}.title`)) {
    return `${t(`${key}.title`)} — ${t(`${key}.detail`)}`;
  }
  return errorText(t, error);
}

interface Values {
  username: string;
  password: string;
}

/** Tenant policy `link`: an unbound WeCom member proves an existing account by its password. */
export function LinkForm(props: { linkToken: string; userid: string; onGiveUp: () => void }) {
  const { t } = useTranslation();
  const adopt = useAdoptLogin();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await thirdLoginApi.link(
        props.linkToken,
        values.username.trim(),
        values.password,
      );
      await adopt(result);
    } catch (caught) {
      setError(linkErrorText(t, caught));
      setSubmitting(false);
    }
  };

  return (
    <Card style={{ width: '100%', maxWidth: 420 }} data-testid="oauth-link">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('thirdLogin.link.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('thirdLogin.link.description', { userid: props.userid })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> layout="vertical" requiredMark={false} onFinish={(v) => void onFinish(v)}>
        <CredentialsFields />
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('thirdLogin.link.submit')}
        </Button>
        <Button type="link" block onClick={props.onGiveUp} style={{ marginTop: 8 }}>
          {t('thirdLogin.link.cancel')}
        </Button>
      </Form>
    </Card>
  );
}
