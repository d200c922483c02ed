import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_ERRCODE, WeComError } from './errors';
import { createTransport } from './http';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()!();
});

/** A local HTTP server answering every request with `handler`; its base URL. */
async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

const get = (apiBase: string, timeoutMs = 2_000) =>
  createTransport({ apiBase, timeoutMs }).send({ api: 'user/get', method: 'GET' });

async function failure(p: Promise<unknown>): Promise<WeComError> {
  const err = await p.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  if (!(err instanceof WeComError)) throw err;
  return err;
}

describe('node:http transport', () => {
  it('asks for compression and reads gzip, deflate and br answers', async () => {
    const body = JSON.stringify({ errcode: 0, errmsg: 'ok', userid: '张三' });
    for (const [encoding, pack] of [
      ['gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ] as const) {
      let asked = '';
      const base = await serve((req, res) => {
        asked = String(req.headers['accept-encoding']);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
        res.end(pack(Buffer.from(body)));
      });
      const res = await get(base);
      expect(asked).toContain(encoding);
      expect(res.body.userid).toBe('张三');
    }
  });

  it('drops a byte-order mark before the JSON', async () => {
    const base = await serve((_req, res) => res.end('\uFEFF{"errcode":0,"errmsg":"ok"}'));
    expect((await get(base)).errcode).toBe(0);
  });

  it('names the target of a redirect it does not follow', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(302, { location: 'https://qyapi.weixin.qq.com/cgi-bin/user/get' });
      res.end();
    });
    const err = await failure(get(base));
    expect(err.errcode).toBe(LOCAL_ERRCODE.badResponse);
    expect(err.message).toContain('redirect to https://qyapi.weixin.qq.com/cgi-bin/user/get');
  });

  it('a timeout before the connection is made is not uncertain; one after it is', async () => {
    // Accepts TCP and never answers: a TLS handshake never completes, an HTTP answer never comes.
    const silent = net.createServer((socket) => closers.push(() => socket.destroy()));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    closers.push(() => silent.close());
    const port = (silent.address() as net.AddressInfo).port;

    const handshake = await failure(get(`https://127.0.0.1:${port}`, 300));
    expect(handshake).toMatchObject({ errcode: LOCAL_ERRCODE.timeout, uncertain: false });

    const answer = await failure(get(`http://127.0.0.1:${port}`, 300));
    expect(answer).toMatchObject({ errcode: LOCAL_ERRCODE.timeout, uncertain: true });
  });
});
