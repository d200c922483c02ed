import { api, download, type Paged } from './client';

/** Who acted: a person, an API key, or an account outside this tenant (never named). */
export interface AuditActor {
  type: 'user' | 'api_key' | 'outsider';
  id: number | null;
  username?: string | null;
  realname?: string | null;
  name?: string | null;
  prefix?: string | null;
}

export interface AuditEntry {
  id: number;
  time: string;
  tenant: { id: number; name: string | null } | null;
  /** Null when OrgBridge acted by itself (a scheduled sync, a sweep). */
  actor: AuditActor | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export interface AuditFilters {
  action?: string | undefined;
  actor?: string | undefined;
  /** ISO date-times (the console sends local day boundaries). */
  from?: string | undefined;
  to?: string | undefined;
  /** Platform administrators only. */
  tenantId?: number | undefined;
}

export const auditApi = {
  list: (q: AuditFilters & { page: number; pageSize: number }) =>
    api.get<Paged<AuditEntry>>('/sys/audit', { ...q }),
  actions: () => api.get<string[]>('/sys/audit/actions'),
  /** The CSV of everything the filters match (the server caps the rows and says so). */
  exportCsv: (q: AuditFilters) => download('/sys/audit/export', { ...q }),
};
