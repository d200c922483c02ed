/**
 * Error codes of DingTalk's callback crypto library (DingCallbackCrypto, open-dingtalk/
 * DingTalk-Callback-Crypto). Library codes, not HTTP errcodes: our callback handler raises them.
 */
export type CallbackCryptoCode =
  | 900001 // plaintext invalid
  | 900002 // timestamp invalid
  | 900003 // nonce invalid
  | 900004 // aes_key is not 43 characters
  | 900005 // signature does not match
  | 900007 // encryption failed
  | 900008 // decryption failed
  | 900009 // decrypted length does not match
  | 900010; // owner key (corpId / AppKey) does not match

export class CallbackCryptoError extends Error {
  override readonly name = 'CallbackCryptoError';
  constructor(
    readonly code: CallbackCryptoCode,
    message: string,
  ) {
    super(`${message} (${code})`);
  }
}
