import { once } from 'node:events';
import http from 'node:http';
import type net from 'node:net';
import { createProxy } from 'proxy';
import { afterAll, describe, expect, it } from 'vitest';
import { DingTalkError, LOCAL_ERRCODE } from '../src/index';
import { client, useSim } from './helpers';

/** The egress proxy (PRODUCT.md §8) with a real HTTP proxy: every call, token included, goes through it. */
async function startProxy(auth: string) {
  const server = createProxy(http.createServer());
  const seen: string[] = [];
  server.authenticate = (req) => {
    seen.push(`${req.method} ${new URL(req.url ?? '/').pathname}`);
    return req.headers['proxy-authorization'] === auth;
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as net.AddressInfo).port, seen };
}

describe('client through an egress proxy', async () => {
  const sim = await useSim({ qps: 0 });
  const auth = `Basic ${Buffer.from('u:p').toString('base64')}`;
  const proxy = await startProxy(auth);

  it('sends the token call and API calls through the proxy with its credentials', async () => {
    const dt = client(sim, { proxy: `http://u:p@127.0.0.1:${proxy.port}` });
    const user = sim.admin.listUsers()[0]!;
    expect((await dt.user.get(user.userid)).userid).toBe(user.userid);
    expect(proxy.seen).toEqual(['POST /v1.0/oauth2/accessToken', 'POST /topapi/v2/user/get']);
  });

  it('reports a proxy refusal as an unreadable answer, without the proxy page in the message', async () => {
    const dt = client(sim, {
      proxy: `http://u:wrong@127.0.0.1:${proxy.port}`,
      retry: { maxAttempts: 1 },
    });
    const err = (await dt.getToken().catch((e: unknown) => e)) as DingTalkError;
    expect(err).toBeInstanceOf(DingTalkError);
    expect(err.errcode).toBe(LOCAL_ERRCODE.badResponse);
    expect(err.errmsg).toMatch(/^HTTP 407, body is not a JSON object/);
  });
});
