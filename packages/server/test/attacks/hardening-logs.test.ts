import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import type { Database } from '../../src/db/client';
import { testConfig } from '../build-test-app';
import { openTestDatabase } from '../test-db';

let database: Database;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: testConfig({ logLevel: 'info' }),
    database,
    webDist: null,
    logStream: { write: (line: string) => void lines.push(line) },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const CALLBACK = '/sys/thirdLogin/oauth2/wechat_enterprise/callback';

describe('request logs (PRODUCT.md §7: OAuth code and state are never logged)', () => {
  it('the OAuth callback URL is logged with code and state redacted', async () => {
    lines.length = 0;
    await app.inject({
      method: 'GET',
      url: `${CALLBACK}?code=c0de-SECRET-4711&state=st4te-SECRET-0815&appid=ww1`,
    });
    const logged = lines.map((l) => JSON.parse(l) as { req?: { url?: string } });
    const urls = logged.flatMap((l) => (l.req?.url ? [l.req.url] : []));
    expect(urls).toContain(`${CALLBACK}?code=[redacted]&state=[redacted]&appid=ww1`);
    const all = lines.join('\n');
    expect(all).not.toContain('c0de-SECRET-4711');
    expect(all).not.toContain('st4te-SECRET-0815');
  });

  it.each(['ticket', 'token', 'password', 'access_token', 'Code', 'STATE'])(
    'a %s query parameter on any URL is redacted',
    async (name) => {
      lines.length = 0;
      const secret = `s3cret-${name}-value`;
      await app.inject({ method: 'GET', url: `/sys/nowhere?x=1&${name}=${secret}#${secret}` });
      await app.inject({
        method: 'POST',
        url: `/sys/login?${name}=${encodeURIComponent(secret)}`,
        payload: {},
      });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(secret);
    },
  );
});
