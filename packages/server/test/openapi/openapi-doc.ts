import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestApp } from '../build-test-app';

export const PUBLIC_URL = 'https://orgbridge.example.org';

/** The document generators see: `/openapi.json` of a freshly built app, written to a temp dir. */
export async function writeOpenApiDocument(): Promise<{
  dir: string;
  file: string;
  doc: OpenApiDoc;
}> {
  // A public URL as a deployment has one (the lint flags localhost, rightly, as a server).
  const t = await buildTestApp({ config: { publicUrl: PUBLIC_URL } });
  try {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
    const dir = await mkdtemp(join(tmpdir(), 'orgbridge-openapi-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, res.body);
    return { dir, file, doc: res.json() as OpenApiDoc };
  } finally {
    await t.close();
  }
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses: Record<
    string,
    { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }
  >;
  security?: unknown[];
  tags?: string[];
}

export interface OpenApiDoc {
  info: { license?: { name: string }; contact?: unknown };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Every operation with its path and method. */
export const operations = (doc: OpenApiDoc) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
