/**
 * WeCom callback crypto (WXBizMsgCrypt, doc /90930, /90968): signature, URL verification and
 * AES-256-CBC message encryption with 32-byte PKCS#7 padding. Implemented on node:crypto and pinned
 * by the public test vectors of reference §7.5.
 */
import { timingSafeEqual } from 'node:crypto';
import { computeSignature, randomAesKey, randomAlnum } from '@orgbridge/provider-kit';
import { decryptMessage, encryptMessage } from './aes';
import { CallbackCryptoError } from './errors';

export { decryptMessage, encryptMessage } from './aes';
export { CallbackCryptoError, type CallbackCryptoCode } from './errors';

/** msg_signature: lowercase hex SHA-1 of the four strings sorted lexicographically, concatenated. */
export { computeSignature };

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fresh EncodingAESKey: 43 chars [A-Za-z0-9] that decode to 32 bytes (base64 of 32 random bytes). */
export function generateEncodingAesKey(): string {
  return randomAesKey();
}

/** A callback Token: the console allows letters and digits, at most 32. */
export function generateCallbackToken(): string {
  return randomAlnum(32);
}

/** Pulls the Encrypt element out of a callback POST body (`<xml>…<Encrypt><![CDATA[…]]></Encrypt>…`). */
export function extractEncrypt(xml: string): string {
  const m = /<Encrypt>\s*(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))\s*<\/Encrypt>/.exec(xml);
  const value = m?.[1] ?? m?.[2];
  if (!value) throw new CallbackCryptoError(-40002, 'no <Encrypt> element in callback body');
  return value.trim();
}

export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

export interface CallbackCrypto {
  /** GET verification: returns the plaintext echo to answer with (HTTP 200, no quotes/newline). */
  verifyUrl(q: CallbackQuery & { echostr: string }): string;
  /** POST delivery: checks the signature over `encrypt`, returns the decrypted XML. */
  decrypt(q: CallbackQuery, encrypt: string): string;
  /** Builds an encrypted passive reply / simulated delivery. */
  encrypt(
    message: string,
    timestamp?: string,
    nonce?: string,
  ): { encrypt: string; signature: string; timestamp: string; nonce: string; xml: string };
}

/**
 * Bundles Token, EncodingAESKey and the expected receive id (CorpID for self-built apps and the
 * contact-sync assistant; SuiteID for third-party apps).
 */
export function createCallbackCrypto(opts: {
  token: string;
  encodingAesKey: string;
  receiveId: string;
}): CallbackCrypto {
  const { token, encodingAesKey, receiveId } = opts;

  function open(q: CallbackQuery, encrypt: string): string {
    const expected = computeSignature(token, q.timestamp, q.nonce, encrypt);
    if (!signatureMatches(expected, q.msg_signature)) {
      throw new CallbackCryptoError(-40001, 'msg_signature does not match');
    }
    const { message, receiveId: got } = decryptMessage(encodingAesKey, encrypt);
    if (got !== receiveId) {
      throw new CallbackCryptoError(-40005, `receive id mismatch: got ${JSON.stringify(got)}`);
    }
    return message;
  }

  return {
    verifyUrl: (q) => open(q, q.echostr),
    decrypt: (q, encrypt) => open(q, encrypt),
    encrypt(message, timestamp = String(Math.floor(Date.now() / 1000)), nonce = randomAlnum(16)) {
      const encrypt = encryptMessage(encodingAesKey, message, receiveId);
      const signature = computeSignature(token, timestamp, nonce, encrypt);
      const xml =
        `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt>` +
        `<MsgSignature><![CDATA[${signature}]]></MsgSignature>` +
        `<TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
      return { encrypt, signature, timestamp, nonce, xml };
    },
  };
}
