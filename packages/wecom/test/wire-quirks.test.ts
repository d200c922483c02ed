/**
 * Wire quirks the simulator does not produce (it always sends errcode and valid JSON on success):
 * a tiny node:http server plays a WeCom edge / gateway. Everything else is tested against the
 * simulator in the other files.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryTokenStore,
  createWeComClient,
  LOCAL_ERRCODE,
  tokenKey,
  WeComError,
} from '../src/index';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let base = '';
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/cgi-bin/gettoken') {
    res.end('{"access_token":"tok","expires_in":"7200"}'); // no errcode at all, number as string
    return;
  }
  (routes.get(path) ?? ((_q, r) => r.writeHead(404).end()))(req, res);
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (extra: Parameters<typeof createWeComClient>[0]['retry'] = {}) =>
  createWeComClient({
    corpId: 'wwquirks',
    secret: 's',
    apiBase: base,
    retry: { baseDelayMs: 1, maxDelayMs: 5, ...extra },
  });

describe('lenient decoding over HTTP', () => {
  it('accepts success bodies without errcode/errmsg', async () => {
    routes.set('/cgi-bin/department/get', (_q, r) =>
      r.end('{"department":{"id":"7","name":"研发","parentid":1,"order":5,"extra":true}}'),
    );
    expect(await client().department.get(7)).toEqual({
      id: 7,
      name: '研发',
      parentId: 1,
      order: 5,
      leaders: [],
    });
  });

  it('reports "Warning: wrong json format" through onWarning but succeeds', async () => {
    routes.set('/cgi-bin/message/recall', (_q, r) =>
      r.end('{"errcode":0,"errmsg":"Warning: wrong json format. ok"}'),
    );
    const warnings: string[] = [];
    const c = createWeComClient({
      corpId: 'wwquirks',
      secret: 's',
      apiBase: base,
      onWarning: (api, w) => warnings.push(`${api}: ${w}`),
    });
    await c.message.recall('m1');
    expect(warnings).toEqual(['message/recall: Warning: wrong json format. ok']);
  });

  it('retries a gateway HTML page (bounded), then fails as transient', async () => {
    let hits = 0;
    routes.set('/cgi-bin/user/get', (_q, r) => {
      hits++;
      r.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
    });
    const err = await client({ maxAttempts: 3 })
      .user.get('a')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComError);
    expect(err).toMatchObject({ errcode: LOCAL_ERRCODE.badResponse, kind: 'transient' });
    expect(hits).toBe(3);
  });

  it('uses the Error-Code header when a proxy stripped the body', async () => {
    routes.set('/cgi-bin/user/simplelist', (_q, r) =>
      r.writeHead(200, { 'error-code': '60011', 'error-msg': 'no privilege' }).end(),
    );
    await expect(client().user.simplelist(1)).rejects.toMatchObject({
      errcode: 60011,
      kind: 'permission',
    });
  });
});

describe('connection refused', () => {
  it('is retried even for message/send, because nothing was sent', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    // A warm token, so the send itself is what meets the refused port.
    const tokenStore = createMemoryTokenStore();
    await tokenStore.set(tokenKey('wwrefused', 's'), {
      token: 't',
      expiresAt: Date.now() + 3600_000,
    });
    const attempts: string[] = [];
    const c = createWeComClient({
      corpId: 'wwrefused',
      secret: 's',
      apiBase: `http://127.0.0.1:${port}`,
      tokenStore,
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      onRequest: (api, _ms, code) => attempts.push(`${api} ${code}`),
    });
    const send = c.message.send({
      touser: 'a',
      agentid: 1,
      msgtype: 'text',
      text: { content: 'x' },
    });
    const err = await send.catch((e: unknown) => e);
    expect(err).toMatchObject({
      errcode: LOCAL_ERRCODE.network,
      kind: 'network',
      uncertain: false,
    });
    expect(attempts).toEqual(Array(3).fill(`message/send ${LOCAL_ERRCODE.network}`));
  });
});
