import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOpenApiDocument } from './openapi-doc';

/**
 * PRODUCT.md §11: a client generated from /openapi.json (openapi-typescript + openapi-fetch, as
 * an integrator would) types the seed's push API: a correct call type-checks and reads `result`,
 * a call missing a required field does not.
 */
const require = createRequire(import.meta.url);
const OPENAPI_FETCH = dirname(require.resolve('openapi-fetch/package.json'));

const CALLER = `
import createClient from 'openapi-fetch';
import type { paths } from './schema';

const client = createClient<paths>({ baseUrl: 'https://orgbridge.example.org' });

export async function sendToTwo(): Promise<string[]> {
  const { data, error } = await client.POST('/sys/thirdApp/sendMessageTest', {
    params: { header: { 'x-tenant-id': '7' } },
    headers: { 'X-Access-Token': 'an API key or session token' },
    body: { app: 'WECHAT_ENTERPRISE', receiver: 'zhangsan,lisi', sendAll: false, content: 'hello' },
  });
  if (error) {
    const code: string = error.errorCode;
    const status: number = error.code;
    throw new Error(code + status);
  }
  const messageId: number = data.result.messageId;
  const status: 'sent' | 'partial' | 'failed' | 'accepted_log_pending' | string = data.result.status;
  return [String(messageId), status, ...data.result.sent, ...data.result.unbound];
}

export async function missingContent(): Promise<void> {
  // @ts-expect-error content is required by the push API
  await client.POST('/sys/thirdApp/sendMessageTest', { body: { app: 'WECHAT_ENTERPRISE', receiver: 'zhangsan' } });
}

export async function wrongType(): Promise<void> {
  await client.POST('/sys/thirdApp/sendMessageTest', {
    // @ts-expect-error content is text, not a number
    body: { app: 'WECHAT_ENTERPRISE', sendAll: true, content: 42 },
  });
}

export async function readsNoSuchField(): Promise<void> {
  const { data } = await client.POST('/sys/thirdApp/sendMessageTest', {
    body: { app: 'WECHAT_ENTERPRISE', sendAll: true, content: 'hi' },
  });
  // @ts-expect-error the result has no such field
  void data?.result.noSuchField;
}

export async function pageIsOptional(): Promise<number | undefined> {
  const { data } = await client.GET('/sys/user/list', { params: { query: { keyword: 'zhang' } } });
  return data?.result.total;
}
`;

let dir: string;
let diagnostics: string[];
beforeAll(async () => {
  const written = await writeOpenApiDocument();
  dir = written.dir;
  const ast = await openapiTS(written.doc as never);
  await writeFile(join(dir, 'schema.d.ts'), astToString(ast));
  await writeFile(join(dir, 'caller.ts'), CALLER);
  const program = ts.createProgram([join(dir, 'caller.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    // The temp dir has no node_modules: resolve the pinned dev dependency from here.
    paths: { 'openapi-fetch': [OPENAPI_FETCH] },
  });
  diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a TypeScript client generated from /openapi.json', () => {
  it('type-checks a sendMessageTest call and its result; wrong calls fail (@ts-expect-error)', () => {
    expect(diagnostics).toEqual([]);
  });
});
