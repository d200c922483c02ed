import { createHash } from 'node:crypto';
import {
  computeSignature,
  createCallbackCrypto,
  encryptMessage,
  generateCallbackToken,
  generateEncodingAesKey,
} from '@orgbridge/wecom/crypto';
import { describe, expect, it } from 'vitest';
import { CallbackRefusal, type CallbackRequest } from '../kit';
import { createWeComCallbacks } from './callbacks';

const keys = {
  token: generateCallbackToken(),
  encodingAesKey: generateEncodingAesKey(),
  receiveId: 'wwCallbackUnit01',
};
const callbacks = createWeComCallbacks(keys);

/** A POST as WeCom sends it: signed query, encrypted XML envelope. */
function delivery(plaintext: string, k = keys): CallbackRequest {
  const s = createCallbackCrypto(k).encrypt(plaintext);
  return {
    method: 'POST',
    query: { msg_signature: s.signature, timestamp: s.timestamp, nonce: s.nonce },
    headers: { 'content-type': 'text/xml' },
    rawBody: `<xml><ToUserName><![CDATA[${k.receiveId}]]></ToUserName><AgentID><![CDATA[]]></AgentID><Encrypt><![CDATA[${s.encrypt}]]></Encrypt></xml>`,
  };
}

const contact = (body: string) =>
  `<xml><ToUserName><![CDATA[${keys.receiveId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>${body}</xml>`;

function refusalOf(fn: () => unknown): CallbackRefusal {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CallbackRefusal);
    return err as CallbackRefusal;
  }
  throw new Error('expected a CallbackRefusal');
}

describe('WeCom callbacks: verify', () => {
  const echostr = encryptMessage(keys.encodingAesKey, 'echo-4711', keys.receiveId);
  const get = (token = keys.token, e = echostr): CallbackRequest => ({
    method: 'GET',
    query: {
      msg_signature: computeSignature(token, '1', '2', e),
      timestamp: '1',
      nonce: '2',
      echostr: e,
    },
    headers: {},
    rawBody: '',
  });

  it('answers the decrypted echostr as plain text', () => {
    expect(callbacks.verify(get())).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'echo-4711',
    });
  });

  it('is not a verification without echostr, or as a POST', () => {
    const { echostr: _, ...rest } = get().query;
    expect(callbacks.verify({ ...get(), query: rest })).toBeNull();
    expect(callbacks.verify({ ...get(), method: 'POST' })).toBeNull();
  });

  it('refuses a wrong Token (signature), another corp (account), no signature (malformed)', () => {
    expect(refusalOf(() => callbacks.verify(get('OtherToken'))).reason).toBe('signature');
    const foreign = encryptMessage(keys.encodingAesKey, 'echo', 'wwOtherCorp');
    const other = refusalOf(() => callbacks.verify(get(keys.token, foreign)));
    expect(other.reason).toBe('account');
    expect(other.message).toContain('CorpID');
    const { msg_signature: _, ...unsigned } = get().query;
    expect(refusalOf(() => callbacks.verify({ ...get(), query: unsigned })).reason).toBe(
      'malformed',
    );
  });
});

describe('WeCom callbacks: open', () => {
  it('reads a userid rename as member.upsert with the new id; ids only, key = sha-256', () => {
    const plaintext = contact(
      '<ChangeType>update_user</ChangeType><UserID><![CDATA[007]]></UserID><NewUserID><![CDATA[zhang.san]]></NewUserID><Name><![CDATA[张三]]></Name><Department><![CDATA[1,20]]></Department>',
    );
    const out = callbacks.open(delivery(plaintext));
    expect(out.changes).toEqual([
      {
        kind: 'member.upsert',
        userId: '007',
        newUserId: 'zhang.san',
        detail: { createTime: '1700000000', department: ['1', '20'] },
      },
    ]);
    expect(out.clicks).toEqual([]);
    expect(out.dedupeKey).toBe(createHash('sha256').update(plaintext).digest('hex'));
    expect(out.reply).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'success',
    });
    expect(JSON.stringify(out)).not.toContain('张三');
    // The same plaintext delivered again (new nonce and signature) keeps its key.
    expect(callbacks.open(delivery(plaintext)).dedupeKey).toBe(out.dedupeKey);
  });

  it('reads create_user and update_user without rename as member.upsert', () => {
    for (const t of ['create_user', 'update_user']) {
      const out = callbacks.open(
        delivery(contact(`<ChangeType>${t}</ChangeType><UserID>lisi</UserID>`)),
      );
      expect(out.changes).toMatchObject([{ kind: 'member.upsert', userId: 'lisi' }]);
      expect(out.changes[0]).not.toHaveProperty('newUserId');
    }
  });

  it('reads delete_user as member.left', () => {
    const out = callbacks.open(
      delivery(contact('<ChangeType>delete_user</ChangeType><UserID>wangwu</UserID>')),
    );
    expect(out.changes).toMatchObject([{ kind: 'member.left', userId: 'wangwu' }]);
  });

  it('reads party events as department.upsert / department.removed', () => {
    for (const [t, kind] of [
      ['create_party', 'department.upsert'],
      ['update_party', 'department.upsert'],
      ['delete_party', 'department.removed'],
    ] as const) {
      const out = callbacks.open(
        delivery(contact(`<ChangeType>${t}</ChangeType><Id>42</Id><ParentId>1</ParentId>`)),
      );
      expect(out.changes, t).toEqual([
        { kind, departmentId: '42', detail: { createTime: '1700000000', parentId: '1' } },
      ]);
    }
  });

  it('reads a template_card_event as a card click', () => {
    const out = callbacks.open(
      delivery(
        `<xml><ToUserName><![CDATA[${keys.receiveId}]]></ToUserName><FromUserName><![CDATA[admin01]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[approve]]></EventKey><TaskId><![CDATA[t-7-abc]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc1]]></ResponseCode><AgentID>1000002</AgentID></xml>`,
      ),
    );
    expect(out.changes).toEqual([]);
    expect(out.clicks).toEqual([
      { userId: 'admin01', eventKey: 'approve', taskId: 't-7-abc', responseCode: 'rc1' },
    ]);
  });

  it('acknowledges other messages with nothing to store, saying what they were', () => {
    const out = callbacks.open(
      delivery(contact('<ChangeType>update_tag</ChangeType><TagId>1</TagId>')),
    );
    expect(out).toMatchObject({
      changes: [],
      clicks: [],
      ignored: 'event/change_contact/update_tag',
    });
    expect(out.reply.body).toBe('success');
  });

  it('refuses with the reason of each failure', () => {
    const text = contact('<ChangeType>delete_user</ChangeType><UserID>x</UserID>');
    const badSig = delivery(text);
    const signature = refusalOf(() =>
      callbacks.open({ ...badSig, query: { ...badSig.query, msg_signature: '0'.repeat(40) } }),
    );
    expect(signature.reason).toBe('signature');
    expect(signature.message).toContain('Token');

    const account = refusalOf(() =>
      callbacks.open(delivery(text, { ...keys, receiveId: 'wwSomeOtherCorp' })),
    );
    // Signed with the right Token and key, but encrypted for another corp.
    expect(account.reason).toBe('account');

    const otherKey = { ...keys, encodingAesKey: generateEncodingAesKey() };
    expect(refusalOf(() => callbacks.open(delivery(text, otherKey))).reason).toBe('decrypt');

    const json = { ...delivery(text), rawBody: '{"Encrypt":"x"}' };
    const malformed = refusalOf(() => callbacks.open(json));
    expect(malformed.reason).toBe('malformed');
    expect(malformed.message).toContain('<Encrypt>');

    const notXml = refusalOf(() => callbacks.open(delivery('not a message')));
    expect(notXml.reason).toBe('malformed');
    expect(notXml.message).toMatch(/unreadable/);

    const unsigned = { ...delivery(text), query: {} };
    expect(refusalOf(() => callbacks.open(unsigned)).reason).toBe('malformed');
  });
});
