import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { setTenantId, setToken } from '../../api/storage';
import type { ThirdLoginResult } from '../../api/third-login';
import { paths } from '../../app/paths';
import { useSession } from '../../app/session';

/** Only paths of this console; the server checked it already, this is the second lock. */
const safePath = (path: string) => (/^\/(?![/\\])/.test(path) ? path : '/');

/** Takes over a session the WeCom sign-in produced and opens the page it was meant for. */
export function useAdoptLogin() {
  const session = useSession();
  const navigate = useNavigate();
  return useCallback(
    async (result: ThirdLoginResult) => {
      setToken(result.token);
      setTenantId(result.loginTenantId);
      const me = await session.refresh();
      const next = me?.userInfo.mustChangePassword
        ? paths.changePassword
        : safePath(result.redirect);
      navigate(next, { replace: true });
    },
    [session, navigate],
  );
}
