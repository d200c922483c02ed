import { createHash } from 'node:crypto';
import {
  CallbackCryptoError,
  createCallbackCrypto,
  readSignedQuery,
  type CallbackCrypto,
} from '@orgbridge/dingtalk/crypto';
import {
  CallbackRefusal,
  type CallbackReply,
  type CallbackRequest,
  type Callbacks,
  type NeutralContactChange,
  type OpenedCallback,
} from '../kit';

interface Opened {
  plaintext: string;
  event: Record<string, unknown>;
}

const ids = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v])
    .map((x) => (typeof x === 'number' || typeof x === 'string' ? String(x) : ''))
    .filter((x) => x !== '');

/** A pushed contact event as neutral changes; events that touch no contact give none. */
export function changesOf(event: Record<string, unknown>): NeutralContactChange[] {
  const users = ids(event.UserId);
  const depts = ids(event.DeptId);
  switch (event.EventType) {
    case 'user_add_org':
    case 'user_modify_org':
    case 'user_active_org':
      return users.map((userId) => ({ kind: 'member.upsert', userId }));
    case 'user_leave_org':
      return users.map((userId) => ({ kind: 'member.left', userId }));
    case 'org_dept_create':
    case 'org_dept_modify':
      return depts.map((departmentId) => ({ kind: 'department.upsert', departmentId }));
    case 'org_dept_remove':
      return depts.map((departmentId) => ({ kind: 'department.removed', departmentId }));
    default:
      return [];
  }
}

/**
 * DingTalk's HTTP event push (事件订阅, token + aes_key): `POST url?msg_signature&timestamp&nonce`
 * with `{"encrypt": …}`. The signature is checked over the ciphertext, the plaintext must end with
 * this app's AppKey (the owner key of an internal app's subscription) and name this corp. The
 * answer is "success" encrypted with the same token and key; without it DingTalk retries, and
 * the first push (`check_url`) decides whether the URL is accepted at all.
 */
export function createDingTalkCallbacks(p: {
  token: string;
  aesKey: string;
  clientId: string;
  corpId: string;
}): Callbacks {
  let crypto: CallbackCrypto | null = null;
  // Built on first use: a malformed stored key must refuse callbacks, not break create().
  const cipher = (): CallbackCrypto => {
    try {
      crypto ??= createCallbackCrypto({ token: p.token, aesKey: p.aesKey, ownerKey: p.clientId });
    } catch (err) {
      throw new CallbackRefusal(
        'decrypt',
        `the stored aes_key is unusable: ${(err as Error).message}`,
      );
    }
    return crypto;
  };

  const reply = (): CallbackReply => ({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify(cipher().success()),
  });

  function open(req: CallbackRequest): Opened {
    if (req.method !== 'POST')
      throw new CallbackRefusal('malformed', 'DingTalk pushes events by POST');
    const signed = readSignedQuery(req.query);
    if (!signed)
      throw new CallbackRefusal(
        'malformed',
        'msg_signature, timestamp and nonce are required in the query',
      );
    let encrypt: unknown;
    try {
      encrypt = (JSON.parse(req.rawBody) as Record<string, unknown> | null)?.encrypt;
    } catch {
      encrypt = undefined;
    }
    if (typeof encrypt !== 'string' || encrypt === '')
      throw new CallbackRefusal('malformed', 'the body must be JSON {"encrypt": "…"}');
    let plaintext: string;
    try {
      plaintext = cipher().decrypt(signed, encrypt);
    } catch (err) {
      if (err instanceof CallbackRefusal) throw err;
      if (!(err instanceof CallbackCryptoError)) throw err;
      if (err.code === 900005)
        throw new CallbackRefusal('signature', 'the signature does not match the callback token');
      if (err.code === 900010)
        throw new CallbackRefusal(
          'account',
          'the event was encrypted for another app (owner key is not this Client ID)',
        );
      throw new CallbackRefusal(
        'decrypt',
        `the event cannot be decrypted with the aes_key: ${err.message}`,
      );
    }
    let event: unknown;
    try {
      event = JSON.parse(plaintext);
    } catch {
      event = null;
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      throw new CallbackRefusal('malformed', 'the decrypted event is not a JSON object');
    const e = event as Record<string, unknown>;
    if (typeof e.EventType !== 'string')
      throw new CallbackRefusal('malformed', 'the decrypted event has no EventType');
    if (typeof e.CorpId === 'string' && e.CorpId !== p.corpId)
      throw new CallbackRefusal(
        'account',
        `the event belongs to corp ${e.CorpId}, not ${p.corpId}`,
      );
    return { plaintext, event: e };
  }

  return {
    /** DingTalk verifies the URL with a pushed `check_url` event; null for any other request. */
    verify(req) {
      let opened: Opened;
      try {
        opened = open(req);
      } catch {
        return null;
      }
      return opened.event.EventType === 'check_url' ? reply() : null;
    },
    open(req): OpenedCallback {
      const { plaintext, event } = open(req);
      return {
        changes: changesOf(event),
        clicks: [],
        dedupeKey: createHash('sha256').update(plaintext).digest('hex'),
        reply: reply(),
      };
    },
  };
}
