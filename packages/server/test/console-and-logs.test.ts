import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { testConfig } from './build-test-app';
import { openTestDatabase, TEST_ADMIN_PASSWORD } from './test-db';
import type { Database } from '../src/db/client';

let database: Database;
let app: FastifyInstance;
let dist: string;
const lines: string[] = [];

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'orgbridge-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)');
  // What the console build writes beside each asset (packages/web/vite.config.ts).
  await writeFile(join(dist, 'assets', 'app.js.br'), brotliCompressSync('console.log(1)'));
  database = await openTestDatabase();
  app = await buildApp({
    config: testConfig({ logLevel: 'info' }),
    database,
    webDist: dist,
    logStream: { write: (line: string) => void lines.push(line) },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('console serving', () => {
  it('serves files, falls back to index.html for console routes, keeps API 404s as JSON', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    for (const url of ['/', '/tenantId/1000', '/system/users?x=1']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<title>console</title>');
    }
    const api = await app.inject({ method: 'GET', url: '/sys/missing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().errorCode).toBe('request.route_not_found');
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).json().openapi).toBe(
      '3.0.3',
    );
  });

  it('sends the brotli copy to browsers that accept it; hashed assets are cached for good, pages revalidated', async () => {
    const br = await app.inject({
      method: 'GET',
      url: '/assets/app.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    for (const url of ['/', '/system/users']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });
});

describe('logs', () => {
  it('never contain passwords or tokens', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/sys/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const token = login.json().result.token as string;
    await app.inject({ method: 'GET', url: '/sys/user/me', headers: { 'x-access-token': token } });
    app.log.info(
      { password: 'p4ss-in-log', nested: { token: 'tok-in-log', clientSecret: 's3cret' } },
      'probe',
    );
    const all = lines.join('\n');
    expect(all).toContain('probe');
    for (const secret of [TEST_ADMIN_PASSWORD, token, 'p4ss-in-log', 'tok-in-log', 's3cret']) {
      expect(all).not.toContain(secret);
    }
  });
});
