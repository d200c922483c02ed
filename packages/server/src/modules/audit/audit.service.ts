import { Readable } from 'node:stream';
import type { Db } from '../../db/client';
import { badRequest, forbidden } from '../../lib/errors';
import type { SessionInfo, TenantContext } from '../../lib/route';
import { AUDIT_ACTIONS, isAuditAction } from './actions';
import { CSV_BOM, csvLine } from './audit.csv';
import { createAuditRepo, type AuditFilter, type AuditRow, type AuditScope } from './audit.repo';
import {
  EXPORT_MAX_ROWS,
  type AuditEntryView,
  type AuditExportQuery,
  type AuditListQuery,
} from './audit.schemas';

/** Rows read per statement while exporting (keyset pages). */
const EXPORT_SLICE = 500;

/**
 * Who may read which entries — the one place this is decided. A tenant admin reads their current
 * tenant (the X-Tenant-Id context) and never learns who an account outside it is; a platform
 * administrator reads every tenant, optionally one. A connector-scoped session is never platform
 * (plugins/auth.ts clears isPlatformAdmin), and an API key reads no audit log at all.
 */
export function auditScopeOf(
  session: Pick<SessionInfo, 'isPlatformAdmin' | 'apiKey'>,
  tenant: Pick<TenantContext, 'tenantId'>,
  requestedTenantId: number | undefined,
): AuditScope {
  if (session.apiKey) {
    throw forbidden(
      'audit.api_key_refused',
      'API keys cannot read the audit log. Sign in as a tenant administrator to read it.',
    );
  }
  if (session.isPlatformAdmin) {
    return {
      tenantIds: requestedTenantId === undefined ? null : [requestedTenantId],
      revealOutsiders: true,
    };
  }
  if (requestedTenantId !== undefined && requestedTenantId !== tenant.tenantId) {
    throw forbidden(
      'audit.tenant_filter_forbidden',
      'Only platform administrators can read another tenant’s audit log. Leave out tenantId to read your current tenant’s, or switch tenants.',
    );
  }
  return { tenantIds: [tenant.tenantId], revealOutsiders: false };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 date or date-time with a zone, as a Date; a bare date is that day's start, or with
 * `endOfDay` the next day's start (so `to=2024-05-01` includes the whole of May 1st, UTC).
 */
export function parseInstant(field: 'from' | 'to', text: string, endOfDay: boolean): Date {
  const bad = () =>
    badRequest(
      'audit.invalid_date',
      `"${field}" must be an ISO 8601 date (2024-05-01) or date-time with a time zone (2024-05-01T08:00:00+08:00); got "${text.slice(0, 40)}".`,
      { field },
    );
  const m = DATE.exec(text) ?? DATE_TIME.exec(text);
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth) throw bad();
  const at = new Date(DATE.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime())) throw bad();
  if (endOfDay && DATE.test(text)) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

/** The reader's filters, checked: a known action, real dates, from before to. */
export function filterOf(q: AuditExportQuery): AuditFilter {
  if (q.action !== undefined && !isAuditAction(q.action)) {
    throw badRequest(
      'audit.unknown_action',
      `"${q.action.slice(0, 64)}" is not an audited action. Use one of GET /sys/audit/actions: ${AUDIT_ACTIONS.join(', ')}.`,
      { field: 'action' },
    );
  }
  const from = q.from ? parseInstant('from', q.from, false) : undefined;
  const to = q.to ? parseInstant('to', q.to, true) : undefined;
  if (from && to && from.getTime() > to.getTime()) {
    throw badRequest(
      'audit.invalid_range',
      '"from" is after "to": give the earlier instant as "from".',
      { field: 'from' },
    );
  }
  const actor = q.actor?.trim();
  return {
    action: q.action as AuditFilter['action'],
    actorId: q.actorId,
    actorApiKeyId: q.actorApiKeyId,
    actor: actor || undefined,
    from,
    to,
  };
}

const detailsOf = (d: AuditRow['details']) =>
  typeof d === 'string' ? (JSON.parse(d) as Record<string, unknown>) : d;

/** One row for the reader; an actor outside the tenant stays unnamed (no id, ip or target). */
export function viewOf(r: AuditRow): AuditEntryView {
  const hidden = !r.actor_visible;
  const actor: AuditEntryView['actor'] =
    r.actor_api_key_id !== null
      ? { type: 'api_key', id: r.actor_api_key_id, name: r.key_name, prefix: r.key_prefix }
      : r.actor_user_id === null
        ? null
        : hidden
          ? { type: 'outsider', id: null }
          : {
              type: 'user',
              id: r.actor_user_id,
              username: r.actor_username,
              realname: r.actor_realname,
            };
  const targetIsActor =
    hidden && r.target_type === 'user' && r.target_id === String(r.actor_user_id);
  return {
    id: Number(r.id),
    time: new Date(r.created_at),
    tenant: r.tenant_id === null ? null : { id: r.tenant_id, name: r.tenant_name },
    actor,
    action: r.action,
    targetType: r.target_type,
    targetId: targetIsActor ? null : r.target_id,
    details: detailsOf(r.details),
    ip: hidden ? null : r.ip,
  };
}

export const EXPORT_COLUMNS = [
  'id',
  'time',
  'tenant_id',
  'tenant_name',
  'actor_type',
  'actor_id',
  'actor_username',
  'actor_realname',
  'api_key_prefix',
  'api_key_name',
  'action',
  'target_type',
  'target_id',
  'details',
  'ip',
] as const;

function exportLine(r: AuditRow): string {
  const v = viewOf(r);
  const a = v.actor;
  return csvLine([
    v.id,
    v.time,
    v.tenant?.id,
    v.tenant?.name,
    a?.type,
    a?.id,
    a?.username,
    a?.realname,
    a?.prefix,
    a?.name,
    v.action,
    v.targetType,
    v.targetId,
    v.details,
    v.ip,
  ]);
}

export function createAuditService(deps: { db: Db }) {
  const repo = createAuditRepo(deps.db);

  /** The CSV, read in keyset slices as the client takes it (never the whole file in memory). */
  async function* csv(scope: AuditScope, f: AuditFilter): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(EXPORT_COLUMNS);
    let after: { ts: string; id: number } | null = null;
    let left = EXPORT_MAX_ROWS;
    while (left > 0) {
      const rows = await repo.slice(scope, f, after, Math.min(EXPORT_SLICE, left));
      if (rows.length === 0) return;
      yield rows.map(exportLine).join('');
      left -= rows.length;
      const last = rows[rows.length - 1]!;
      after = { ts: last.cursor_ts, id: Number(last.id) };
    }
  }

  return {
    actions: () => [...AUDIT_ACTIONS],

    async list(session: SessionInfo, tenant: TenantContext, q: AuditListQuery) {
      const scope = auditScopeOf(session, tenant, q.tenantId);
      const page = await repo.list(scope, filterOf(q), q.page, q.pageSize);
      return { total: page.total, records: page.records.map(viewOf) };
    },

    /**
     * The export: access and filters are checked before anything is sent (a refusal is a normal
     * error answer); then the stream, at most EXPORT_MAX_ROWS rows, newest first.
     */
    async exportCsv(session: SessionInfo, tenant: TenantContext, q: AuditExportQuery) {
      const scope = auditScopeOf(session, tenant, q.tenantId);
      const f = filterOf(q);
      const { total } = await repo.list(scope, f, 1, 1);
      const scopeName =
        scope.tenantIds === null ? 'all-tenants' : `tenant-${scope.tenantIds.join('-')}`;
      return {
        total,
        truncated: total > EXPORT_MAX_ROWS,
        fileName: `audit-${scopeName}-${new Date().toISOString().slice(0, 10)}.csv`,
        stream: Readable.from(csv(scope, f)),
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
