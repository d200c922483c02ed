import { Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { insideWeCom, weComLoginUrl } from '../../api/third-login';
import { useSession } from '../../app/session';
import { LoginPage } from '../Login';

function FullPageSpin(props: { text?: string }) {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh', textAlign: 'center' }}>
      <div>
        <Spin size="large" />
        {props.text && (
          <Typography.Paragraph style={{ marginTop: 16 }}>{props.text}</Typography.Paragraph>
        )}
      </div>
    </div>
  );
}

/**
 * `/tenantId/:tenantId`, the app home page configured in WeCom (PRODUCT.md §4). Inside the WeCom
 * client it goes straight into silent OAuth; in a normal browser it is this tenant's login page
 * (WeCom QR login and password). A signed-in member simply switches to the tenant.
 */
export function TenantEntryPage() {
  const { t } = useTranslation();
  const { tenantId: raw } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  // Coming back from a failed WeCom sign-in with "use a password": no automatic retry.
  const passwordOnly = (useLocation().state as { password?: boolean } | null)?.password === true;
  const tenantId = Number(raw);
  const valid = raw !== undefined && /^\d{1,10}$/.test(raw);
  const auto = valid && insideWeCom() && !passwordOnly;
  const [switchFailed, setSwitchFailed] = useState(false);

  useEffect(() => {
    if (!valid) return;
    if (session.status === 'anonymous' && auto) {
      window.location.replace(weComLoginUrl(tenantId));
      return;
    }
    if (session.status !== 'ready') return;
    const go = () => navigate('/', { replace: true });
    if (session.tenantId === tenantId) go();
    else
      session.switchTenant(tenantId).then(go, () =>
        // Not a member with this session: inside WeCom, sign in as the WeCom member instead.
        auto ? window.location.replace(weComLoginUrl(tenantId)) : setSwitchFailed(true),
      );
  }, [session, tenantId, valid, auto, navigate]);

  if (!valid) return <Navigate to="/" replace />;
  if (switchFailed) return <Navigate to="/" replace />;
  if (session.status === 'anonymous' && !auto) return <LoginPage tenantId={tenantId} />;
  return <FullPageSpin text={auto ? t('thirdLogin.redirecting') : undefined} />;
}
