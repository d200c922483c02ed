import { WechatWorkOutlined } from '@ant-design/icons';
import { Button, Divider } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/query-keys';
import {
  insideWeCom,
  thirdLoginApi,
  weComLoginUrl,
  type TenantSignInInfo,
} from '../../api/third-login';

/** Whether `tenantId` offers WeCom sign-in (null while unknown or when there is no tenant). */
export function useTenantSignIn(tenantId: number | null): TenantSignInInfo | null {
  const query = useQuery({
    queryKey: queryKeys.tenantSignIn(tenantId ?? 0),
    queryFn: () => thirdLoginApi.tenant(tenantId ?? 0),
    enabled: tenantId !== null,
    // Unknown is shown as "no WeCom sign-in": a failure is not worth a toast or a retry here.
    retry: false,
  });
  return tenantId === null ? null : (query.data ?? null);
}

/**
 * "使用企业微信登录": in-app OAuth inside the WeCom client, QR / web login in a normal browser.
 * A plain link, because the sign-in leaves the console for WeCom and comes back.
 */
export function WeComSignInButton(props: { tenantId: number; redirect?: string }) {
  const { t } = useTranslation();
  const qr = !insideWeCom();
  return (
    <>
      <Button
        block
        size="large"
        icon={<WechatWorkOutlined />}
        href={weComLoginUrl(props.tenantId, { qr, redirect: props.redirect })}
        data-testid="wecom-login"
      >
        {qr ? t('thirdLogin.qrLogin') : t('thirdLogin.signInWithWeCom')}
      </Button>
      <Divider plain style={{ margin: '20px 0 12px' }}>
        {t('thirdLogin.orPassword')}
      </Divider>
    </>
  );
}
