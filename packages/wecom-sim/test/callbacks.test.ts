import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createCallbackCrypto,
  extractEncrypt,
  generateCallbackToken,
  generateEncodingAesKey,
} from '@orgbridge/wecom/crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useSimulator } from './helpers';

const sim = await useSimulator({ callbackTimeoutMs: 300, callbackRetryDelayMs: 10 });
const { admin } = sim;
const cfg = { token: generateCallbackToken(), encodingAesKey: generateEncodingAesKey() };
const crypto = createCallbackCrypto({ ...cfg, receiveId: sim.credentials.corpId });

/** A receiver written against the crypto module; `behaviour` decides each POST's fate. */
let behaviour: (attempt: number) => 'ok' | 'fail' | 'hang' = () => 'ok';
let verifyWith: (echo: string) => string = (echo) => echo;
const received: { method: string; plaintext: string; envelope: string }[] = [];
let posts = 0;

const receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = Object.fromEntries(url.searchParams) as {
    msg_signature: string;
    timestamp: string;
    nonce: string;
    echostr: string;
  };
  if (req.method === 'GET') {
    const echo = crypto.verifyUrl(q);
    received.push({ method: 'GET', plaintext: echo, envelope: '' });
    res.end(verifyWith(echo));
    return;
  }
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const fate = behaviour(++posts);
    if (fate === 'hang') return;
    received.push({
      method: 'POST',
      plaintext: crypto.decrypt(q, extractEncrypt(body)),
      envelope: body,
    });
    res.statusCode = fate === 'ok' ? 200 : 500;
    res.end('');
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wecom/callback`;
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

beforeEach(() => {
  admin.reset();
  received.length = 0;
  posts = 0;
  behaviour = () => 'ok';
  verifyWith = (echo) => echo;
});

describe('callback configuration', () => {
  it('verifies the URL with an encrypted echostr before delivering anything', async () => {
    await admin.configureCallback({ url, ...cfg });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'GET',
      plaintext: expect.stringMatching(/^\d{19}$/),
    });
  });

  it('stays inactive when the echo is wrong', async () => {
    verifyWith = (echo) => `"${echo}"`;
    await expect(admin.configureCallback({ url, ...cfg })).rejects.toThrow(/verification failed/);
    admin.renameDepartment(2, '新名字');
    await admin.flushCallbacks();
    expect(received.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

describe('change_contact delivery', () => {
  it('posts decryptable full payloads in order, with the XML envelope', async () => {
    await admin.configureCallback({ url, ...cfg });
    admin.addDepartment({ id: 900, name: '新部门', parentid: 1 });
    admin.addUser({ userid: 'NewGuy', name: '新人', department: [900], mobile: '13912345678' });
    admin.moveUser('NewGuy', [1]);
    admin.updateUser('NewGuy', { newUserid: 'newguy2' });
    admin.deleteUser('newguy2');
    admin.deleteDepartment(900);
    await admin.flushCallbacks();
    const posts = received.filter((r) => r.method === 'POST');
    expect(posts.map((p) => /<ChangeType>(\w+)<\/ChangeType>/.exec(p.plaintext)?.[1])).toEqual([
      'create_party',
      'create_user',
      'update_user',
      'update_user',
      'delete_user',
      'delete_party',
    ]);
    expect(posts[0]!.envelope).toMatch(
      new RegExp(
        `^<xml><ToUserName><!\\[CDATA\\[${sim.credentials.corpId}\\]\\]></ToUserName><AgentID>.*</AgentID><Encrypt><!\\[CDATA\\[[A-Za-z0-9+/=]+\\]\\]></Encrypt></xml>$`,
      ),
    );
    expect(posts[0]!.plaintext).toContain(
      '<Id>900</Id><Name><![CDATA[新部门]]></Name><ParentId><![CDATA[1]]></ParentId>',
    );
    expect(posts[1]!.plaintext).toContain('<FromUserName><![CDATA[sys]]></FromUserName>');
    expect(posts[1]!.plaintext).toContain('<Mobile><![CDATA[13912345678]]></Mobile>');
    // A move carries only the changed fields.
    expect(posts[2]!.plaintext).toContain('<Department><![CDATA[1]]></Department>');
    expect(posts[2]!.plaintext).not.toContain('<Name>');
    expect(posts[3]!.plaintext).toContain(
      '<UserID><![CDATA[NewGuy]]></UserID><NewUserID><![CDATA[newguy2]]></NewUserID>',
    );
  });

  it('sends reduced post-2022-08-15 payloads and skips renames of departments', async () => {
    await admin.configureCallback({ url, ...cfg, reduced: true });
    admin.addUser({ userid: 'reduced1', name: '精简', department: [1], mobile: '13900000000' });
    admin.renameDepartment(2, '改名不推送');
    admin.moveDepartment(2, 1);
    const child = admin.listDepartments().find((d) => d.parentid === 2)!;
    admin.moveDepartment(child.id, 1);
    await admin.flushCallbacks();
    const posts = received.filter((r) => r.method === 'POST').map((p) => p.plaintext);
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatch(
      /<UserID><!\[CDATA\[reduced1\]\]><\/UserID><Department><!\[CDATA\[1\]\]><\/Department><\/xml>$/,
    );
    expect(posts[0]).not.toContain('Mobile');
    expect(posts[1]).toMatch(
      new RegExp(
        `<ChangeType>update_party</ChangeType><Id>${child.id}</Id><ParentId><!\\[CDATA\\[1\\]\\]></ParentId></xml>$`,
      ),
    );
  });

  it('retries up to 3 attempts on non-200 and timeouts', async () => {
    await admin.configureCallback({ url, ...cfg });
    // First event: 500, then a hang past the 300 ms timeout, then success; second event: 500 three times.
    behaviour = (n) => (n === 1 ? 'fail' : n === 2 ? 'hang' : n === 3 ? 'ok' : 'fail');
    admin.renameUser(admin.listUsers()[0]!.userid, '甲');
    admin.renameUser(admin.listUsers()[1]!.userid, '乙');
    await admin.flushCallbacks();
    const deliveries = admin.callbackDeliveries();
    expect(deliveries.map((d) => [d.attempts, d.delivered])).toEqual([
      [3, true],
      [3, false],
    ]);
    expect(deliveries[1]!.lastError).toBe('HTTP 500');
    expect(posts).toBe(6);
  });
});
