/**
 * The primitives under WeCom's and DingTalk's callback crypto (both descend from WXBizMsgCrypt):
 * AES-256-CBC with IV = key[0..16) and PKCS#7 padding to a 32-byte block, the SHA-1 signature
 * over the sorted parts, random letters and digits. The framing, the key format and the error
 * codes are each provider's own.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from 'node:crypto';

/** Both providers pad to a 32-byte block, not AES's 16. */
const PAD_BLOCK = 32;

export function pkcs7Pad(data: Buffer): Buffer {
  const n = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** Accepts pad values 1..32 (Node's own unpadding would reject everything above 16); null: invalid. */
export function pkcs7Unpad(data: Buffer): Buffer | null {
  const n = data.at(-1) ?? 0;
  if (n < 1 || n > PAD_BLOCK || n > data.length) return null;
  return data.subarray(0, data.length - n);
}

/** AES-256-CBC of already padded data; the IV is the key's first 16 bytes. Throws node's errors. */
export function aesCbcEncrypt(key: Buffer, padded: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}

/** Inverse of {@link aesCbcEncrypt}; the padding stays on. Throws node's errors. */
export function aesCbcDecrypt(key: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** The callback signature: lowercase hex SHA-1 of the four strings sorted lexicographically, concatenated. */
export function computeSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return createHash('sha1')
    .update([token, timestamp, nonce, encrypt].sort().join(''))
    .digest('hex');
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/**
 * A fresh AES key in the consoles' form: 43 letters and digits that decode to 32 bytes. base64 of
 * 32 bytes is 43 chars + '='; '+' and '/' are not allowed by the consoles, so re-draw.
 */
export function randomAesKey(): string {
  for (;;) {
    const candidate = randomBytes(32).toString('base64').slice(0, 43);
    if (/^[A-Za-z0-9]{43}$/.test(candidate)) return candidate;
  }
}
