import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackCrypto } from '@orgbridge/dingtalk/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CallbackRefusal,
  type CallbackRequest,
  type Callbacks,
  type NeutralContactChange,
} from '../kit';
import { connect, useDingTalkSim } from './testing';

/** A receiver as the callbacks module would be: verify, else open, and answer the reply. */
async function receiver(callbacks: Callbacks) {
  const changes: NeutralContactChange[] = [];
  const keys: string[] = [];
  const refusals: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const request: CallbackRequest = {
        method: req.method === 'GET' ? 'GET' : 'POST',
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
        ),
        rawBody: raw,
      };
      try {
        let reply = callbacks.verify(request);
        if (!reply) {
          const opened = callbacks.open(request);
          changes.push(...opened.changes);
          keys.push(opened.dedupeKey);
          reply = opened.reply;
        }
        res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
      } catch (err) {
        if (!(err instanceof CallbackRefusal)) throw err;
        refusals.push(err.reason);
        res
          .writeHead(err.reason === 'malformed' || err.reason === 'decrypt' ? 400 : 403)
          .end(err.message);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sys/thirdApp/callback/dingtalk/t1`;
  return { url, changes, keys, refusals };
}

const signed = (enc: {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}) => ({
  method: 'POST' as const,
  query: { msg_signature: enc.msg_signature, timestamp: enc.timeStamp, nonce: enc.nonce },
  headers: { 'content-type': 'application/json' },
  rawBody: JSON.stringify({ encrypt: enc.encrypt }),
});

describe('DingTalk event push over the simulator', async () => {
  const sim = await useDingTalkSim({ callbackRetryDelayMs: 10 });
  const { instance, settings } = connect(sim);
  const callbacks = instance.callbacks!;
  const rx = await receiver(callbacks);

  it('answers check_url with the encrypted success, so DingTalk accepts the URL', async () => {
    const check = await sim.admin.configureCallback({
      url: rx.url,
      token: settings.callbackToken,
      aesKey: settings.callbackAesKey,
    });
    expect(check).toMatchObject({ eventType: 'check_url', ok: true, attempts: 1 });
  });

  it('maps every contact event the simulator pushes to neutral changes, answered on the first attempt', async () => {
    rx.changes.length = 0;
    const added = sim.admin.addUser({ userid: 'newcomer1', name: '新同事', deptIds: [2] });
    sim.admin.updateUser(added.userid, { title: '工程师' });
    const dept = sim.admin.addDepartment({ name: '新部门', parentId: 1 });
    sim.admin.updateDepartment(dept.deptId, { name: '新部门二' });
    sim.admin.removeUser(added.userid);
    sim.admin.removeDepartment(dept.deptId);
    await sim.admin.callbacksIdle();
    const pushes = sim.admin.deliveries().slice(1);
    expect(pushes.map((d) => [d.eventType, d.ok, d.attempts])).toEqual([
      ['user_add_org', true, 1],
      ['user_modify_org', true, 1],
      ['org_dept_create', true, 1],
      ['org_dept_modify', true, 1],
      ['user_leave_org', true, 1],
      ['org_dept_remove', true, 1],
    ]);
    const d = String(dept.deptId);
    expect(rx.changes).toEqual([
      { kind: 'member.upsert', userId: 'newcomer1' },
      { kind: 'member.upsert', userId: 'newcomer1' },
      { kind: 'department.upsert', departmentId: d },
      { kind: 'department.upsert', departmentId: d },
      { kind: 'member.left', userId: 'newcomer1' },
      { kind: 'department.removed', departmentId: d },
    ]);
    expect(new Set(rx.keys).size).toBe(rx.keys.length);
    expect(rx.keys.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  });

  it('gives a delivery and its retries one dedupe key, and maps several UserIds', () => {
    const crypto = createCallbackCrypto({
      token: settings.callbackToken,
      aesKey: settings.callbackAesKey,
      ownerKey: settings.clientId,
    });
    const body = JSON.stringify({
      EventType: 'user_modify_org',
      UserId: ['a', 'b'],
      CorpId: settings.corpId,
      TimeStamp: '1',
    });
    // A retry is the same plaintext sealed again (new random prefix, nonce and signature).
    const req = signed(crypto.encrypt(body, '1700000000000', 'nonce1'));
    const retry = signed(crypto.encrypt(body, '1700000005000', 'nonce2'));
    expect(retry.rawBody).not.toBe(req.rawBody);
    const first = callbacks.open(req);
    expect(first.dedupeKey).toBe(callbacks.open(retry).dedupeKey);
    expect(first.changes).toEqual([
      { kind: 'member.upsert', userId: 'a' },
      { kind: 'member.upsert', userId: 'b' },
    ]);
    expect(callbacks.verify(req)).toBeNull();
  });

  it('refuses a push signed with another token, so DingTalk’s delivery fails', async () => {
    const other = connect(sim, { callbackAesKey: settings.callbackAesKey }).settings;
    const check = await sim.admin.configureCallback({
      url: rx.url,
      token: other.callbackToken,
      aesKey: settings.callbackAesKey,
    });
    expect(check.ok).toBe(false);
    expect(rx.refusals.at(-1)).toBe('signature');
  });

  it('refuses a push encrypted with another aes_key, or for another app or corp', () => {
    const open = (token: string, aesKey: string, ownerKey: string, corpId = settings.corpId) =>
      (() => {
        try {
          callbacks.open(
            signed(
              createCallbackCrypto({ token, aesKey, ownerKey }).encrypt(
                JSON.stringify({ EventType: 'user_add_org', UserId: ['x'], CorpId: corpId }),
              ),
            ),
          );
          return 'opened';
        } catch (err) {
          return (err as CallbackRefusal).reason;
        }
      })();
    const otherKey = connect(sim).settings.callbackAesKey;
    expect(open(settings.callbackToken, otherKey, settings.clientId)).toBe('decrypt');
    expect(open(settings.callbackToken, settings.callbackAesKey, 'dingotherapp')).toBe('account');
    expect(
      open(settings.callbackToken, settings.callbackAesKey, settings.clientId, 'dingothercorp'),
    ).toBe('account');
    expect(open(settings.callbackToken, settings.callbackAesKey, settings.clientId)).toBe('opened');
  });

  it('refuses requests that are no DingTalk push as malformed', () => {
    const reason = (req: CallbackRequest) => {
      try {
        callbacks.open(req);
        return 'opened';
      } catch (err) {
        return (err as CallbackRefusal).reason;
      }
    };
    expect(reason({ method: 'POST', query: {}, headers: {}, rawBody: '{"encrypt":"abc"}' })).toBe(
      'malformed',
    );
    expect(
      reason({
        method: 'POST',
        query: { msg_signature: 'a', timestamp: '1', nonce: 'n' },
        headers: {},
        rawBody: 'not json',
      }),
    ).toBe('malformed');
    expect(reason({ method: 'GET', query: {}, headers: {}, rawBody: '' })).toBe('malformed');
  });
});
