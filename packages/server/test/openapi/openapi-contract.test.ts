import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  operations,
  writeOpenApiDocument,
  type OpenApiDoc,
  type OpenApiOperation,
} from './openapi-doc';

/**
 * PRODUCT.md §11: an OpenAPI document a code generator can trust. These are the promises a
 * generator relies on, checked on the document itself (the lint and the generated client are
 * checked in their own files).
 */
let doc: OpenApiDoc;
let dir: string;
beforeAll(async () => {
  ({ doc, dir } = await writeOpenApiDocument());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ERROR_REF = '#/components/schemas/ErrorEnvelope';
const op = (method: string, path: string): OpenApiOperation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not documented`);
  return found;
};
const errorSchemaOf = (o: OpenApiOperation, status: string) =>
  (o.responses[status]?.content?.['application/json'] as { schema?: { $ref?: string } } | undefined)
    ?.schema?.$ref;

describe('error responses a generator can type', () => {
  it('every operation documents 401 and 403 unless public, with the error envelope', () => {
    for (const { path, method, op: o } of operations(doc)) {
      const isPublic = (o.security ?? []).length === 0;
      for (const status of ['401', '403']) {
        if (isPublic && !(status in o.responses)) continue;
        expect(errorSchemaOf(o, status), `${method} ${path} ${status}`).toBe(ERROR_REF);
      }
      if (!isPublic) expect(Object.keys(o.responses), `${method} ${path}`).toContain('401');
    }
  });

  it('operations with a body, query or path parameters document 400; path ids document 404', () => {
    for (const { path, method, op: o } of operations(doc)) {
      const params = o.parameters ?? [];
      if (o.requestBody || params.some((p) => p.in === 'query' || p.in === 'path'))
        expect(errorSchemaOf(o, '400'), `${method} ${path}`).toBe(ERROR_REF);
      if (params.some((p) => p.in === 'path'))
        expect(errorSchemaOf(o, '404'), `${method} ${path}`).toBe(ERROR_REF);
    }
  });

  it('routes declare the conflicts and throttles they answer (409, 429)', () => {
    expect(Object.keys(op('post', '/sys/login').responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '429']),
    );
    expect(errorSchemaOf(op('post', '/sys/thirdApp/config'), '409')).toBe(ERROR_REF);
    expect(errorSchemaOf(op('post', '/sys/thirdApp/sync/apply'), '409')).toBe(ERROR_REF);
    expect(errorSchemaOf(op('post', '/sys/user/changePassword'), '429')).toBe(ERROR_REF);
    expect(op('post', '/sys/login').responses['429']?.headers).toHaveProperty('Retry-After');
  });

  it('public routes do not claim 401/403 they never answer', () => {
    expect(op('get', '/sys/thirdLogin/tenant/{tenantId}').responses).not.toHaveProperty('403');
  });
});

describe('examples on the pinned endpoints', () => {
  const requestExample = (o: OpenApiOperation) =>
    o.requestBody?.content['application/json']?.example;
  const okExample = (o: OpenApiOperation) =>
    (o.responses['200']?.content?.['application/json'] as { example?: { result?: unknown } })
      ?.example;

  it('login, sendMessageTest, config create/update, sync preview/apply have request and result examples', () => {
    for (const [method, path] of [
      ['post', '/sys/login'],
      ['post', '/sys/thirdApp/sendMessageTest'],
      ['post', '/sys/thirdApp/config'],
      ['put', '/sys/thirdApp/config'],
      ['post', '/sys/thirdApp/sync/preview'],
      ['post', '/sys/thirdApp/sync/apply'],
    ] as const) {
      const o = op(method, path);
      expect(requestExample(o), `${method} ${path} request`).toBeTruthy();
      expect(okExample(o)?.result, `${method} ${path} result`).toBeTruthy();
    }
  });

  it('sendMessageTest documents its token and tenant headers', () => {
    const o = op('post', '/sys/thirdApp/sendMessageTest');
    expect(o.security).toEqual([{ accessToken: [] }]);
    expect(o.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'x-tenant-id' })]),
    );
    expect(o.requestBody?.content).toHaveProperty('application/x-www-form-urlencoded');
  });
});

describe('non-JSON answers', () => {
  it('every operation but the sign-in redirects documents a 200', () => {
    for (const { path, method, op: o } of operations(doc)) {
      const expected = path.startsWith('/sys/thirdLogin/oauth2/') ? '302' : '200';
      expect(Object.keys(o.responses), `${method} ${path}`).toContain(expected);
    }
  });

  it('sign-in redirects are 302 with a Location header, not 200', () => {
    for (const path of [
      '/sys/thirdLogin/oauth2/{thirdType}/login',
      '/sys/thirdLogin/oauth2/{thirdType}/callback',
    ]) {
      const o = op('get', path);
      expect(o.responses, path).not.toHaveProperty('200');
      expect(o.responses['302']?.headers, path).toHaveProperty('Location');
    }
  });

  it('callbacks answer text/plain (WeCom) and take an XML or JSON body', () => {
    const path = '/sys/thirdApp/callback/{thirdType}/{tenantId}';
    for (const method of ['get', 'post']) {
      expect(Object.keys(op(method, path).responses['200']?.content ?? {})).toEqual(['text/plain']);
    }
    expect(Object.keys(op('post', path).requestBody?.content ?? {}).sort()).toEqual([
      'application/json',
      'application/xml',
      'text/xml',
    ]);
  });

  it('sync run events are text/event-stream', () => {
    const o = op('get', '/sys/thirdApp/sync/runs/{id}/events');
    expect(Object.keys(o.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });
});

describe('parameters and document metadata', () => {
  it('query parameters with a default (page, pageSize) are not required', () => {
    for (const { path, method, op: o } of operations(doc)) {
      for (const p of o.parameters ?? []) {
        if (p.in !== 'query') continue;
        const hasDefault = (p.schema as { default?: unknown } | undefined)?.default !== undefined;
        if (hasDefault) expect(p.required, `${method} ${path} ?${p.name}`).toBe(false);
      }
    }
    const list = op('get', '/sys/user/list').parameters ?? [];
    expect(list.find((p) => p.name === 'page')?.required).toBe(false);
  });

  it('declares every tag it uses, each with a description; has a license and a contact', () => {
    const declared = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
    for (const { path, op: o } of operations(doc)) {
      for (const tag of o.tags ?? []) expect(declared.get(tag), `${path} tag ${tag}`).toBeTruthy();
    }
    expect(doc.info.license?.name).toBeTruthy();
    expect(doc.info.contact).toBeTruthy();
  });
});
