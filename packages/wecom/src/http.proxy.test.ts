import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { createProxy } from 'proxy';
import { afterEach, describe, expect, it } from 'vitest';
import { WeComError } from './errors';
import { createTransport } from './http';

/**
 * The egress proxy (PRODUCT.md §8) with a real HTTP proxy (the `proxy` package): absolute-form
 * requests for an http base, a CONNECT tunnel carrying TLS for an https base, credentials as
 * Proxy-Authorization, and the proxy's own outgoing address as the caller the server sees.
 */

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
  server.listen(0, host);
  await once(server, 'listening');
  closers.push(
    () =>
      new Promise<void>((r) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => r());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

async function startProxy(auth?: string) {
  const server = createProxy(http.createServer());
  server.localAddress = '127.0.0.2';
  const seen: { method: string; url: string; auth: string | undefined }[] = [];
  server.authenticate = (req) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      auth: req.headers['proxy-authorization'],
    });
    return auth === undefined || req.headers['proxy-authorization'] === auth;
  };
  const port = await listen(server, '127.0.0.2');
  return { port, seen };
}

describe('transport through an egress proxy', () => {
  it('sends absolute-form requests for an http base; the server sees the proxy address', async () => {
    const callers: string[] = [];
    const port = await listen(
      http.createServer((req, res) => {
        callers.push(req.socket.remoteAddress ?? '');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', path: req.url }));
      }),
    );
    const proxy = await startProxy(`Basic ${Buffer.from('u:p w').toString('base64')}`);
    const transport = createTransport({
      apiBase: `http://127.0.0.1:${port}`,
      timeoutMs: 2_000,
      proxy: `http://u:p%20w@127.0.0.2:${proxy.port}`,
    });
    const res = await transport.send({ api: 'user/get', method: 'GET', query: { userid: 'a' } });
    expect(res.errcode).toBe(0);
    expect(res.body.path).toBe('/cgi-bin/user/get?userid=a');
    expect(proxy.seen).toEqual([
      {
        method: 'GET',
        url: `http://127.0.0.1:${port}/cgi-bin/user/get?userid=a`,
        auth: `Basic ${Buffer.from('u:p w').toString('base64')}`,
      },
    ]);
    expect(callers).toEqual(['127.0.0.2']);
  });

  it('opens a CONNECT tunnel for an https base and speaks TLS through it', async () => {
    // The target records what arrives through the tunnel: a TLS ClientHello (0x16) from the proxy.
    const arrived: { from: string; firstByte: number }[] = [];
    const port = await listen(
      net.createServer((socket) => {
        socket.once('data', (chunk: Buffer) => {
          arrived.push({ from: socket.remoteAddress ?? '', firstByte: chunk[0] ?? -1 });
          socket.destroy();
        });
      }),
    );
    const proxy = await startProxy();
    const transport = createTransport({
      apiBase: `https://127.0.0.1:${port}`,
      timeoutMs: 2_000,
      proxy: `http://127.0.0.2:${proxy.port}`,
    });
    const err = await transport.send({ api: 'gettoken', method: 'GET' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComError);
    expect(proxy.seen).toEqual([{ method: 'CONNECT', url: `127.0.0.1:${port}`, auth: undefined }]);
    expect(arrived).toEqual([{ from: '127.0.0.2', firstByte: 0x16 }]);
  });

  it('a proxy that refuses the credentials surfaces as an error naming HTTP 407', async () => {
    const port = await listen(http.createServer((_req, res) => res.end('{}')));
    const proxy = await startProxy('Basic nope');
    const transport = createTransport({
      apiBase: `http://127.0.0.1:${port}`,
      timeoutMs: 2_000,
      proxy: `http://127.0.0.2:${proxy.port}`,
    });
    const err = await transport.send({ api: 'user/get', method: 'GET' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComError);
    expect((err as WeComError).errmsg).toContain('407');
  });
});
