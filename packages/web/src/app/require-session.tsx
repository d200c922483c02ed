import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { paths } from './paths';
import { useSession } from './session';

/** Sends visitors without a session to the login page, and forces a pending password change. */
export function RequireSession(props: { children: ReactNode; allowPasswordChange?: boolean }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (session.status === 'anonymous' || !session.me) {
    const from = location.pathname + location.search;
    return <Navigate to={paths.login} replace state={{ from }} />;
  }
  if (session.me.userInfo.mustChangePassword && !props.allowPasswordChange) {
    return <Navigate to={paths.changePassword} replace />;
  }
  return <>{props.children}</>;
}
