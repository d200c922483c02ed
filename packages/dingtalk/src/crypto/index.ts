/**
 * DingTalk HTTP-push callback crypto (事件订阅, token + aes_key). The scheme of DingTalk's own
 * library (open-dingtalk/DingTalk-Callback-Crypto):
 * - signature: lowercase hex SHA-1 of [token, timestamp, nonce, encrypt] sorted and joined;
 * - encrypt: base64(AES-256-CBC(random16 ‖ uint32_be(len) ‖ msg ‖ ownerKey)), key =
 *   base64(aes_key + '='), IV = key[0..16), PKCS#7 padding to a 32-byte block;
 * - ownerKey: the AppKey for an internal app's event subscription (the CorpId for the legacy
 *   register_call_back API, the SuiteKey for third-party apps);
 * - the push is `POST url?msg_signature|signature&timestamp|timeStamp&nonce` with body
 *   `{"encrypt": "…"}`; the handler answers `{msg_signature, timeStamp, nonce, encrypt}` whose
 *   encrypt is "success" encrypted. The first push is the `check_url` event.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  aesCbcDecrypt,
  aesCbcEncrypt,
  pkcs7Pad,
  pkcs7Unpad,
  computeSignature,
  randomAesKey,
  randomAlnum,
} from '@orgbridge/provider-kit';
import { CallbackCryptoError } from './errors';

export { CallbackCryptoError, type CallbackCryptoCode } from './errors';

const AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export { computeSignature };

/** A fresh aes_key: 43 letters and digits that decode to 32 bytes. */
export function generateAesKey(): string {
  return randomAesKey();
}

/** A callback token (签名 token): letters and digits. */
export function generateCallbackToken(): string {
  return randomAlnum(32);
}

export function decodeAesKey(aesKey: string): Buffer {
  if (!AES_KEY.test(aesKey))
    throw new CallbackCryptoError(900004, 'aes_key must be 43 base64 characters');
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32)
    throw new CallbackCryptoError(900004, 'aes_key does not decode to 32 bytes');
  return key;
}

export function encryptMessage(
  aesKey: string,
  message: string,
  ownerKey: string,
  random: Buffer = Buffer.from(randomAlnum(16)),
): string {
  const key = decodeAesKey(aesKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  const plain = Buffer.concat([random, len, msg, Buffer.from(ownerKey, 'utf8')]);
  return aesCbcEncrypt(key, pkcs7Pad(plain)).toString('base64');
}

export function decryptMessage(
  aesKey: string,
  encrypted: string,
): { message: string; ownerKey: string } {
  const key = decodeAesKey(aesKey);
  if (!BASE64.test(encrypted)) throw new CallbackCryptoError(900008, 'ciphertext is not base64');
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new CallbackCryptoError(900008, 'ciphertext length is not a multiple of the AES block');
  }
  let padded: Buffer;
  try {
    padded = aesCbcDecrypt(key, data);
  } catch (err) {
    throw new CallbackCryptoError(900008, `AES decryption failed: ${(err as Error).message}`);
  }
  const plain = pkcs7Unpad(padded);
  if (!plain) throw new CallbackCryptoError(900008, 'invalid padding');
  if (plain.length < 20) throw new CallbackCryptoError(900009, 'decrypted buffer too short');
  const len = plain.readUInt32BE(16);
  if (20 + len > plain.length)
    throw new CallbackCryptoError(900009, 'message length exceeds buffer');
  return {
    message: plain.subarray(20, 20 + len).toString('utf8'),
    ownerKey: plain.subarray(20 + len).toString('utf8'),
  };
}

export interface SignedQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

/**
 * Reads the signature parameters of a push: DingTalk's own samples accept `msg_signature` or
 * `signature`, and `timestamp` or `timeStamp` (which one is sent is UNCONFIRMED, README).
 */
export function readSignedQuery(query: Record<string, unknown>): SignedQuery | null {
  const pick = (...names: string[]) => {
    for (const n of names) {
      const v = query[n];
      if (typeof v === 'string' && v !== '') return v;
    }
    return undefined;
  };
  const signature = pick('msg_signature', 'signature');
  const timestamp = pick('timestamp', 'timeStamp');
  const nonce = pick('nonce');
  return signature && timestamp && nonce ? { signature, timestamp, nonce } : null;
}

export interface EncryptedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

export interface CallbackCrypto {
  /** Checks the signature over `encrypt`, decrypts it and checks the owner key. */
  decrypt(q: SignedQuery, encrypt: string): string;
  /** Encrypts and signs `plaintext` (a reply, or a simulated push). */
  encrypt(plaintext: string, timestamp?: string, nonce?: string): EncryptedReply;
  /** The answer a handler gives once it took the event: "success", encrypted. */
  success(): EncryptedReply;
}

export function createCallbackCrypto(opts: {
  token: string;
  aesKey: string;
  ownerKey: string;
}): CallbackCrypto {
  const { token, aesKey, ownerKey } = opts;
  decodeAesKey(aesKey);
  const encrypt = (
    plaintext: string,
    timestamp = String(Date.now()),
    nonce = randomAlnum(16),
  ): EncryptedReply => {
    const enc = encryptMessage(aesKey, plaintext, ownerKey);
    return {
      msg_signature: computeSignature(token, timestamp, nonce, enc),
      timeStamp: timestamp,
      nonce,
      encrypt: enc,
    };
  };
  return {
    decrypt(q, enc) {
      const expected = Buffer.from(computeSignature(token, q.timestamp, q.nonce, enc));
      const given = Buffer.from(q.signature.toLowerCase());
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        throw new CallbackCryptoError(900005, 'signature does not match');
      }
      const { message, ownerKey: got } = decryptMessage(aesKey, enc);
      if (got !== ownerKey)
        throw new CallbackCryptoError(900010, `owner key mismatch: got ${JSON.stringify(got)}`);
      return message;
    },
    encrypt,
    success: () => encrypt('success'),
  };
}
