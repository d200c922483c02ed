/** Keys of what the console keeps in localStorage between visits. */
const TOKEN_KEY = 'orgbridge.token';
const TENANT_KEY = 'orgbridge.tenantId';
export const LANGUAGE_KEY = 'orgbridge.language';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export function getTenantId(): number | null {
  const raw = localStorage.getItem(TENANT_KEY);
  if (raw === null || raw === '') return null;
  const id = Number(raw);
  return Number.isInteger(id) ? id : null;
}

export function setTenantId(id: number | null): void {
  if (id === null) localStorage.removeItem(TENANT_KEY);
  else localStorage.setItem(TENANT_KEY, String(id));
}
