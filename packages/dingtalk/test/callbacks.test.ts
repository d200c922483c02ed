import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createCallbackCrypto, generateAesKey, readSignedQuery } from '../src/index';
import { useSim } from './helpers';

/** A receiver that decrypts every push with our crypto and answers DingTalk's "success". */
async function receiver(
  token: string,
  aesKey: string,
  ownerKey: string,
  answer: 'success' | 'plain' = 'success',
) {
  const crypto = createCallbackCrypto({ token, aesKey, ownerKey });
  const events: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
      const signed = readSignedQuery(query);
      try {
        const plain = crypto.decrypt(signed!, (JSON.parse(body) as { encrypt: string }).encrypt);
        events.push(JSON.parse(plain) as Record<string, unknown>);
        res.setHeader('content-type', 'application/json');
        res.end(answer === 'success' ? JSON.stringify(crypto.success()) : 'success');
      } catch {
        res.statusCode = 403;
        res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/callback`, events };
}

describe('contact events by HTTP push', async () => {
  const sim = await useSim({ qps: 0, callbackRetryDelayMs: 10 });
  const token = 'cbtoken';
  const aesKey = generateAesKey();

  it('verifies the URL with check_url, then pushes encrypted contact events in order', async () => {
    const rx = await receiver(token, aesKey, sim.credentials.appKey);
    const check = await sim.admin.configureCallback({ url: rx.url, token, aesKey });
    expect(check.ok).toBe(true);
    sim.admin.addUser({ userid: 'newbie', name: '新人', deptIds: [1] });
    sim.admin.updateUser('newbie', { title: '工程师' });
    sim.admin.removeUser('newbie');
    await sim.admin.callbacksIdle();
    expect(rx.events.map((e) => e.EventType)).toEqual([
      'check_url',
      'user_add_org',
      'user_modify_org',
      'user_leave_org',
    ]);
    expect(rx.events[1]).toMatchObject({ UserId: ['newbie'], CorpId: sim.credentials.corpId });
  });

  it('refuses a receiver that answers a plain "success" (not encrypted)', async () => {
    const rx = await receiver(token, aesKey, sim.credentials.appKey, 'plain');
    const check = await sim.admin.configureCallback({ url: rx.url, token, aesKey });
    expect(check.ok).toBe(false);
    expect(check.error).toMatch(/not \{msg_signature/);
  });

  it('is rejected by a receiver with another token (signature)', async () => {
    const rx = await receiver('other-token', aesKey, sim.credentials.appKey);
    const check = await sim.admin.configureCallback({ url: rx.url, token, aesKey });
    expect(check.ok).toBe(false);
    expect(check.error).toBe('HTTP 403');
    expect(rx.events).toEqual([]);
  });
});
