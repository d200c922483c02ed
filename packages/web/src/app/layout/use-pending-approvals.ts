import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../session';

const CHANGED = 'orgbridge:pending-approvals-changed';

/**
 * Tells the menu badge that approvals were decided (approve, refuse, batch): it asks again.
 * Whoever approves or refuses calls this; with a query library, invalidating its key does it.
 */
export function notifyPendingApprovalsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * How many requests to join the current tenant wait for approval (审核中), for admins; null while
 * unknown or for anybody else. Asked again on every navigation and when approvals change. The
 * one place this fetch lives, so moving it onto the query library is one edit.
 */
export function usePendingApprovals(): number | null {
  const { isTenantAdmin, tenantId } = useSession();
  const { pathname } = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const enabled = isTenantAdmin && tenantId !== null;

  const load = useCallback((signal: { cancelled: boolean }) => {
    api
      .get<{ total: number }>('/sys/tenant/members', { status: 3, page: 1, pageSize: 1 })
      .then((page) => !signal.cancelled && setCount(page.total))
      // The badge is a hint: a failed count shows none rather than an error.
      .catch(() => !signal.cancelled && setCount(null));
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const signal = { cancelled: false };
    load(signal);
    const again = () => load(signal);
    window.addEventListener(CHANGED, again);
    return () => {
      signal.cancelled = true;
      window.removeEventListener(CHANGED, again);
    };
  }, [enabled, tenantId, pathname, load]);

  return enabled ? count : null;
}
