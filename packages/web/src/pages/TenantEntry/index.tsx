import { Spin } from 'antd';
import { useEffect } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';

/**
 * `/tenantId/:tenantId`, the app home page configured in WeCom. For now it signs in with a
 * password and then opens that tenant; WeCom's silent sign-in is added with the third-login module.
 */
export function TenantEntryPage() {
  const { tenantId: raw } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const tenantId = Number(raw);
  const valid = Number.isInteger(tenantId) && tenantId >= 0;

  useEffect(() => {
    if (session.status !== 'ready' || !valid) return;
    const go = () => navigate('/', { replace: true });
    if (session.tenantId === tenantId) go();
    else session.switchTenant(tenantId).then(go, go);
  }, [session, tenantId, valid, navigate]);

  if (!valid) return <Navigate to="/" replace />;
  if (session.status === 'anonymous') {
    return <Navigate to={paths.login} replace state={{ tenantId }} />;
  }
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin size="large" />
    </div>
  );
}
