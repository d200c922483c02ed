import type { FastifyInstance } from 'fastify';
import { ErrorEnvelopeSchema } from '../../lib/envelope';
import { route, type SessionInfo, type TenantContext } from '../../lib/route';
import {
  AuditActionsSchema,
  AuditExportQuerySchema,
  AuditListQuerySchema,
  AuditPageSchema,
  EXPORT_MAX_ROWS,
  type AuditExportQuery,
} from './audit.schemas';
import type { AuditService } from './audit.service';

const tags = ['audit'];
const ACCESS =
  "Tenant administrators read their current tenant's entries (X-Tenant-Id); platform administrators read every tenant's, or one with tenantId. API keys are refused.";

export function registerAuditRoutes(app: FastifyInstance, deps: { audit: AuditService }): void {
  const svc = deps.audit;

  route(app, {
    method: 'GET',
    url: '/sys/audit',
    operationId: 'listAuditLog',
    tags,
    access: 'admin',
    summary: 'The audit log, newest first, filtered by action, actor and time range',
    description: `${ACCESS} An account outside the tenant that acted on it (e.g. refusing a link request) is shown as actor type "outsider", unnamed.`,
    querystring: AuditListQuerySchema,
    result: AuditPageSchema,
    handler: ({ session, tenant, query }) => svc.list(session, tenant, query),
  });

  route(app, {
    method: 'GET',
    url: '/sys/audit/actions',
    operationId: 'listAuditActions',
    tags,
    // Names only, the same for everyone: no tenant involved.
    access: 'session',
    allowConnectorSession: true,
    summary: 'Every action the audit log records (the values `action=` accepts)',
    result: AuditActionsSchema,
    handler: () => Promise.resolve(svc.actions()),
  });

  app.route({
    method: 'GET',
    url: '/sys/audit/export',
    config: { access: 'admin' },
    schema: {
      operationId: 'exportAuditLog',
      tags,
      summary: 'The audit log as CSV (same filters and access as GET /sys/audit), streamed',
      description: `${ACCESS} UTF-8 with a byte order mark (Excel), newest first, at most ${EXPORT_MAX_ROWS} rows: X-Audit-Export-Total says how many entries matched and X-Audit-Export-Truncated is "true" when the file stops at the limit (narrow the time range). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.`,
      querystring: AuditExportQuerySchema,
      security: [{ accessToken: [] }],
      response: {
        200: {
          description: 'the CSV file',
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        '4xx': ErrorEnvelopeSchema,
        '5xx': ErrorEnvelopeSchema,
      },
    },
    handler: async (req, reply) => {
      const out = await svc.exportCsv(
        req.session as SessionInfo,
        req.ctx as TenantContext,
        req.query as AuditExportQuery,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-audit-export-limit', String(EXPORT_MAX_ROWS))
        .header('x-audit-export-total', String(out.total))
        .header('x-audit-export-truncated', String(out.truncated))
        .send(out.stream);
    },
  });
}
