/**
 * Error codes of the official WXBizMsgCrypt samples (reference §2, "Callback-crypto library codes").
 * They are library codes, not HTTP errcodes: WeCom never sends them, our callback handler raises them.
 */
export type CallbackCryptoCode =
  | -40001 // signature mismatch
  | -40002 // XML could not be parsed
  | -40003 // signature could not be computed
  | -40004 // EncodingAESKey is not 43 chars of base64
  | -40005 // receive id (corpid / suiteid) does not match
  | -40006 // AES encryption failed
  | -40007 // AES decryption failed or the padding/length is invalid
  | -40008 // decrypted buffer is malformed
  | -40009 // base64 encoding failed
  | -40010 // base64 decoding failed
  | -40011; // reply XML could not be generated

export class CallbackCryptoError extends Error {
  override readonly name = 'CallbackCryptoError';
  constructor(
    readonly code: CallbackCryptoCode,
    message: string,
  ) {
    super(`${message} (${code})`);
  }
}
