import { useEffect, useState } from 'react';
import { thirdLoginApi, type MyWecomBinding } from '../../api/third-login';

/** The caller's WeCom binding in the current tenant: undefined while asked, null when none. */
export function useMyBinding(enabled: boolean): MyWecomBinding | null | undefined {
  const [binding, setBinding] = useState<MyWecomBinding | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    thirdLoginApi.myBinding().then(
      (found) => !cancelled && setBinding(found),
      // Not knowing is said as not knowing (the card shows no verdict), never as "unbound".
      () => !cancelled && setBinding(undefined),
    );
    return () => {
      cancelled = true;
    };
  }, [enabled]);
  return enabled ? binding : null;
}
