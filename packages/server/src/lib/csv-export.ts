import { Readable } from 'node:stream';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSV_BOM, csvLine } from '../modules/audit/audit.csv';
import type { TenantContext } from './route';

/**
 * CSV exports of the console's lists (users, bindings, sync run items, message log), built the
 * way the audit export is (modules/audit): read in keyset slices while the client takes the
 * file, BOM for Excel, formula cells neutralised, at most EXPORT_ROW_CAP rows — the headers say
 * how many rows matched and whether the file stops at the cap.
 */
export const EXPORT_ROW_CAP = 100_000;
const SLICE = 500;

export interface CsvExport {
  fileName: string;
  /** Rows the filters match (the file holds at most EXPORT_ROW_CAP of them). */
  total: number;
  stream: Readable;
}

export interface KeysetSource<R, K> {
  columns: readonly string[];
  /** The next rows after `after` (null: from the start), in key order, at most `limit`. */
  slice(after: K | null, limit: number): Promise<R[]>;
  keyOf(row: R): K;
  cells(row: R): readonly unknown[];
}

/** The file: a header row, then slices until the source is exhausted or the cap is reached. */
async function* lines<R, K>(src: KeysetSource<R, K>, cap: number): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(src.columns);
  let after: K | null = null;
  let left = cap;
  while (left > 0) {
    const rows = await src.slice(after, Math.min(SLICE, left));
    if (rows.length === 0) return;
    yield rows.map((r) => csvLine(src.cells(r))).join('');
    left -= rows.length;
    after = src.keyOf(rows[rows.length - 1]!);
  }
}

export function csvExport<R, K>(
  name: string,
  tenantId: number,
  total: number,
  src: KeysetSource<R, K>,
  cap = EXPORT_ROW_CAP,
): CsvExport {
  const day = new Date().toISOString().slice(0, 10);
  return {
    fileName: `${name}-tenant-${tenantId}-${day}.csv`,
    total,
    stream: Readable.from(lines(src, cap)),
  };
}

export const EXPORT_HEADERS_NOTE = `UTF-8 with a byte order mark (Excel), at most ${EXPORT_ROW_CAP} rows: X-Export-Total says how many rows matched and X-Export-Truncated is "true" when the file stops at the limit (narrow the filters). Cells starting with = + - @ are prefixed with an apostrophe so spreadsheets do not run them.`;

interface CsvRouteDef {
  url: string;
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  querystring?: TSchema;
  params?: TSchema;
  /** The first lines of a file this route answers (OpenAPI example). */
  example: string;
  build(req: FastifyRequest, tenant: TenantContext): Promise<CsvExport>;
}

/**
 * Registers a tenant-admin CSV export: access is checked by the same hooks as the list (admin of
 * the X-Tenant-Id tenant; API keys are refused), the query is validated before anything is sent
 * (a refusal is a normal JSON error), then the file streams.
 */
export function csvRoute(app: FastifyInstance, def: CsvRouteDef): void {
  app.route({
    method: 'GET',
    url: def.url,
    config: {
      access: 'admin',
      openapi: {
        responseContent: {
          mediaType: 'text/csv',
          schema: { type: 'string', example: def.example },
          description: 'the CSV file',
        },
      },
    },
    schema: {
      operationId: def.operationId,
      tags: def.tags,
      summary: def.summary,
      description: `${def.description} ${EXPORT_HEADERS_NOTE}\n\nAPI keys: not reachable with an API key (403 \`auth.api_key_forbidden\`).`,
      ...(def.querystring ? { querystring: def.querystring } : {}),
      ...(def.params ? { params: def.params } : {}),
      security: [{ accessToken: [] }],
    },
    handler: async (req, reply) => {
      const out = await def.build(req, req.ctx as TenantContext);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-export-limit', String(EXPORT_ROW_CAP))
        .header('x-export-total', String(out.total))
        .header('x-export-truncated', String(out.total > EXPORT_ROW_CAP))
        .send(out.stream);
    },
  });
}
