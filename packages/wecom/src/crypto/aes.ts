import { randomBytes } from 'node:crypto';
import { aesCbcDecrypt, aesCbcEncrypt, pkcs7Pad, pkcs7Unpad } from '@orgbridge/provider-kit';
import { CallbackCryptoError } from './errors';

const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** AESKey = base64(EncodingAESKey + '='), 32 bytes; the IV is its first 16 bytes. */
export function decodeAesKey(encodingAesKey: string): Buffer {
  if (!ENCODING_AES_KEY.test(encodingAesKey)) {
    throw new CallbackCryptoError(-40004, 'EncodingAESKey must be 43 characters [A-Za-z0-9]');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32)
    throw new CallbackCryptoError(-40004, 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

/** WeCom pads to a 32-byte block, not AES's 16 (reference §7.4). */
function unpad(data: Buffer): Buffer {
  const plain = pkcs7Unpad(data);
  if (!plain) throw new CallbackCryptoError(-40007, 'invalid PKCS#7 padding');
  return plain;
}

/**
 * Encrypts `random(16) ‖ uint32_be(len(msg)) ‖ msg ‖ receiveId` with AES-256-CBC and returns base64.
 * `random` is injectable only so that published test vectors can be reproduced.
 */
export function encryptMessage(
  encodingAesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(16),
): string {
  if (random.length !== 16) throw new CallbackCryptoError(-40006, 'random prefix must be 16 bytes');
  const key = decodeAesKey(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  const plain = pkcs7Pad(Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]));
  try {
    return aesCbcEncrypt(key, plain).toString('base64');
  } catch (err) {
    throw new CallbackCryptoError(-40006, `AES encryption failed: ${(err as Error).message}`);
  }
}

/** Inverse of {@link encryptMessage}; does not check the receive id (callers compare it). */
export function decryptMessage(
  encodingAesKey: string,
  encrypted: string,
): { message: string; receiveId: string } {
  const key = decodeAesKey(encodingAesKey);
  if (!BASE64.test(encrypted)) throw new CallbackCryptoError(-40010, 'ciphertext is not base64');
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new CallbackCryptoError(-40007, 'ciphertext length is not a multiple of the AES block');
  }
  let plain: Buffer;
  try {
    plain = unpad(aesCbcDecrypt(key, data));
  } catch (err) {
    if (err instanceof CallbackCryptoError) throw err;
    throw new CallbackCryptoError(-40007, `AES decryption failed: ${(err as Error).message}`);
  }
  if (plain.length < 20) throw new CallbackCryptoError(-40008, 'decrypted buffer too short');
  const msgLen = plain.readUInt32BE(16);
  if (20 + msgLen > plain.length)
    throw new CallbackCryptoError(-40008, 'message length exceeds buffer');
  return {
    message: plain.subarray(20, 20 + msgLen).toString('utf8'),
    receiveId: plain.subarray(20 + msgLen).toString('utf8'),
  };
}
