import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import type { Database } from '../../src/db/client';
import { testConfig } from '../build-test-app';
import { openTestDatabase } from '../test-db';

let database: Database;
let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'orgbridge-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)');
  database = await openTestDatabase();
  app = await buildApp({ config: testConfig(), database, logger: false, webDist: dist });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await rm(dist, { recursive: true, force: true });
});

/** `default-src 'self'; …` → { 'default-src': ["'self'"], … } */
function directives(csp: unknown): Record<string, string[]> {
  expect(typeof csp, 'content-security-policy header').toBe('string');
  return Object.fromEntries(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

const RESPONSES: [string, { method: 'GET' | 'POST'; url: string; payload?: string }, number][] = [
  ['the console page', { method: 'GET', url: '/' }, 200],
  ['a console route (SPA fallback)', { method: 'GET', url: '/tenantId/1000' }, 200],
  ['a hashed asset', { method: 'GET', url: '/assets/app.js' }, 200],
  ['an API answer', { method: 'GET', url: '/health' }, 200],
  ['an API error (401)', { method: 'GET', url: '/sys/user/me' }, 401],
  ['an unknown API path (404)', { method: 'GET', url: '/sys/nowhere' }, 404],
  ['a malformed body (400)', { method: 'POST', url: '/sys/login', payload: '{"x":' }, 400],
  [
    'a redirect (WeCom sign-in start)',
    { method: 'GET', url: '/sys/thirdLogin/oauth2/wechat_enterprise/login?tenantId=1' },
    302,
  ],
  ['the API docs page', { method: 'GET', url: '/docs' }, 200],
  ['a docs script', { method: 'GET', url: '/docs/static/swagger-initializer.js' }, 200],
  ['the docs redirect', { method: 'GET', url: '/docs/static/index.html' }, 302],
  ['the OpenAPI document', { method: 'GET', url: '/openapi.json' }, 200],
];

describe('security headers on every response (PRODUCT.md §7 hardening)', () => {
  it.each(RESPONSES)('%s', async (_, req, status) => {
    const res = await app.inject({
      ...req,
      headers: req.payload ? { 'content-type': 'application/json' } : {},
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = directives(res.headers['content-security-policy']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    // Scripts only from this origin: no inline script, no eval, no other host.
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    // antd (CSS-in-JS) inserts <style> elements at run time: inline styles only.
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    // Plain-HTTP intranet deployments must keep working: no forced upgrade to https.
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });
});
