import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CallbackCryptoError } from './errors';

/** WeCom pads to a 32-byte block, not AES's 16 (reference §7.4). */
const PAD_BLOCK = 32;
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

function pad(data: Buffer): Buffer {
  const n = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** Accepts pad values 1..32; Node's own unpadding would reject everything above 16. */
function unpad(data: Buffer): Buffer {
  const n = data.at(-1) ?? 0;
  if (n < 1 || n > PAD_BLOCK || n > data.length) {
    throw new CallbackCryptoError(-40007, 'invalid PKCS#7 padding');
  }
  return data.subarray(0, data.length - n);
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
  const plain = pad(Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]));
  try {
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
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
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
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
