import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { authApi, type Me, type TenantMembership } from '../api/auth';
import { onUnauthorized } from '../api/client';
import { tenantsApi } from '../api/tenants';
import { getTenantId, getToken, setTenantId, setToken } from '../api/storage';

export type SessionStatus = 'loading' | 'anonymous' | 'ready';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  tenantId: number | null;
  currentTenant: TenantMembership | null;
  isPlatformAdmin: boolean;
  /**
   * The tenant a WeCom (connector) sign-in session is limited to, or null for a password session.
   * Such a session cannot switch, join or quit tenants and never has platform rights.
   */
  scopeTenantId: number | null;
  /** Admin of the current tenant (platform administrators count as admins everywhere). */
  isTenantAdmin: boolean;
  login(username: string, password: string, preferredTenantId?: number): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<Me | null>;
  switchTenant(tenantId: number): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Keeps the chosen tenant when it is still usable, else falls back to the server's choice. */
function chooseTenant(me: Me, preferred: number | null): number | null {
  const scope = me.userInfo.scopeTenantId ?? null;
  if (scope !== null) return scope;
  const active = me.tenantList.filter((t) => t.status === 1);
  const usable = (id: number | null) =>
    id !== null && (active.some((t) => t.id === id) || me.userInfo.isPlatformAdmin === true);
  if (usable(preferred)) return preferred;
  if (usable(me.currentTenantId)) return me.currentTenantId;
  return active[0]?.id ?? null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>(getToken() ? 'loading' : 'anonymous');
  const [me, setMe] = useState<Me | null>(null);
  const [tenantId, setTenantState] = useState<number | null>(getTenantId());

  const clear = useCallback(() => {
    setToken(null);
    setMe(null);
    setStatus('anonymous');
  }, []);

  const adopt = useCallback((next: Me, preferred: number | null) => {
    const chosen = chooseTenant(next, preferred);
    setTenantId(chosen);
    setTenantState(chosen);
    setMe(next);
    setStatus('ready');
    return next;
  }, []);

  const refresh = useCallback(async () => {
    if (!getToken()) {
      clear();
      return null;
    }
    try {
      return adopt(await authApi.me(), getTenantId());
    } catch (error) {
      clear();
      throw error;
    }
  }, [adopt, clear]);

  useEffect(() => onUnauthorized(clear), [clear]);
  useEffect(() => {
    if (getToken()) refresh().catch(() => undefined);
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string, preferredTenantId?: number) => {
      const result = await authApi.login(username, password);
      setToken(result.token);
      return adopt(await authApi.me(), preferredTenantId ?? result.loginTenantId);
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    await authApi.logout().catch(() => undefined);
    clear();
  }, [clear]);

  const switchTenant = useCallback(
    async (id: number) => {
      await tenantsApi.switchTo(id);
      setTenantId(id);
      adopt(await authApi.me(), id);
    },
    [adopt],
  );

  const value = useMemo<Session>(() => {
    const currentTenant = me?.tenantList.find((t) => t.id === tenantId) ?? null;
    const scopeTenantId = me?.userInfo.scopeTenantId ?? null;
    // The server already answers false for scoped sessions; never offer platform menus to one.
    const isPlatformAdmin = me?.userInfo.isPlatformAdmin === true && scopeTenantId === null;
    const isTenantAdmin =
      isPlatformAdmin || (currentTenant?.role === 'admin' && currentTenant.status === 1);
    return {
      status,
      me,
      tenantId,
      currentTenant,
      isPlatformAdmin,
      scopeTenantId,
      isTenantAdmin,
      login,
      logout,
      refresh,
      switchTenant,
    };
  }, [status, me, tenantId, login, logout, refresh, switchTenant]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}
