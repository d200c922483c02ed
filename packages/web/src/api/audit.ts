import { download } from './client';
import { typedApi, type ApiRecord } from './typed';

/**
 * One audit entry. `actor` is who acted: a person, an API key, or an account outside this tenant
 * (never named); null when OrgBridge acted by itself (a scheduled sync, a sweep).
 */
export type AuditEntry = ApiRecord<'/sys/audit'>;
export type AuditActor = NonNullable<AuditEntry['actor']>;

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
    typedApi.get('/sys/audit', { query: q }),
  actions: () => typedApi.get('/sys/audit/actions'),
  /** The CSV of everything the filters match (the server caps the rows and says so). */
  exportCsv: (q: AuditFilters) => download('/sys/audit/export', { ...q }),
};
