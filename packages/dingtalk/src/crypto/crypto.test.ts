import { createDecipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CallbackCryptoError,
  computeSignature,
  createCallbackCrypto,
  decryptMessage,
  encryptMessage,
  generateAesKey,
  readSignedQuery,
} from './index';

const token = 'tok123';
const aesKey = generateAesKey();
const ownerKey = 'dingappkey0001';

describe('DingTalk callback crypto', () => {
  it('round-trips an event and checks the signature', () => {
    const c = createCallbackCrypto({ token, aesKey, ownerKey });
    const event = JSON.stringify({
      EventType: 'user_add_org',
      UserId: ['张三'],
      TimeStamp: '1700000000000',
    });
    const sealed = c.encrypt(event);
    expect(
      c.decrypt(
        { signature: sealed.msg_signature, timestamp: sealed.timeStamp, nonce: sealed.nonce },
        sealed.encrypt,
      ),
    ).toBe(event);
  });

  it('lays the plaintext out as random16 ‖ len ‖ msg ‖ ownerKey, padded to 32 bytes (DingCallbackCrypto)', () => {
    const enc = encryptMessage(aesKey, 'success', ownerKey, Buffer.from('0123456789abcdef'));
    const key = Buffer.from(`${aesKey}=`, 'base64');
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(Buffer.from(enc, 'base64')), d.final()]);
    expect(plain.length % 32).toBe(0);
    expect(plain.subarray(0, 16).toString()).toBe('0123456789abcdef');
    expect(plain.readUInt32BE(16)).toBe(7);
    expect(plain.subarray(20, 27).toString()).toBe('success');
    const pad = plain.at(-1)!;
    expect(plain.subarray(27, plain.length - pad).toString()).toBe(ownerKey);
  });

  it('signs with SHA-1 over the four values sorted', () => {
    const expected = createHash('sha1').update(['b', 'a', 'd', 'c'].sort().join('')).digest('hex');
    expect(computeSignature('b', 'a', 'd', 'c')).toBe(expected);
  });

  it('rejects a wrong signature', () => {
    const c = createCallbackCrypto({ token, aesKey, ownerKey });
    const sealed = c.encrypt('{"EventType":"check_url"}');
    const forged = createCallbackCrypto({ token: 'other', aesKey, ownerKey }).encrypt(
      '{"EventType":"check_url"}',
    );
    expect(() =>
      c.decrypt(
        { signature: forged.msg_signature, timestamp: forged.timeStamp, nonce: forged.nonce },
        forged.encrypt,
      ),
    ).toThrow(expect.objectContaining({ code: 900005 }));
    expect(() =>
      c.decrypt(
        { signature: sealed.msg_signature, timestamp: `${sealed.timeStamp}1`, nonce: sealed.nonce },
        sealed.encrypt,
      ),
    ).toThrow(CallbackCryptoError);
  });

  it('rejects a message sealed for another app (owner key)', () => {
    const other = createCallbackCrypto({ token, aesKey, ownerKey: 'another' }).encrypt('x');
    const c = createCallbackCrypto({ token, aesKey, ownerKey });
    expect(() =>
      c.decrypt(
        { signature: other.msg_signature, timestamp: other.timeStamp, nonce: other.nonce },
        other.encrypt,
      ),
    ).toThrow(expect.objectContaining({ code: 900010 }));
  });

  it('rejects a bad aes_key and a ciphertext that is not base64', () => {
    expect(() => createCallbackCrypto({ token, aesKey: 'short', ownerKey })).toThrow(
      expect.objectContaining({ code: 900004 }),
    );
    expect(() => decryptMessage(aesKey, '***')).toThrow(expect.objectContaining({ code: 900008 }));
  });

  it('reads either spelling of the signature parameters', () => {
    expect(readSignedQuery({ signature: 's', timeStamp: '1', nonce: 'n' })).toEqual({
      signature: 's',
      timestamp: '1',
      nonce: 'n',
    });
    expect(readSignedQuery({ msg_signature: 's', timestamp: '1', nonce: 'n' })).toEqual({
      signature: 's',
      timestamp: '1',
      nonce: 'n',
    });
    expect(readSignedQuery({ msg_signature: 's' })).toBeNull();
  });
});
