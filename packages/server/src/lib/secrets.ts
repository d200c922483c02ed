import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts stored secrets with SECRET_KEY (AES-256-GCM, random 96-bit IV). The output is
 * `v1.<iv>.<tag>.<ciphertext>` in base64url so it survives any text column.
 */
export function createSecretBox(key: Buffer) {
  if (key.length !== 32) throw new Error('secret box needs a 32-byte key');
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed: string): string {
      const [version, iv, tag, ct] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ct === undefined) {
        throw new Error('not a sealed secret');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const pt = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
      return pt.toString('utf8');
    },
  };
}
export type SecretBox = ReturnType<typeof createSecretBox>;

/** `"******" + last 4`, the only form in which a secret is ever shown. */
export function maskSecret(plain: string): string {
  return '******' + plain.slice(-4);
}
