/**
 * Contact events by HTTP push (事件订阅, token + aes_key). Each org change becomes one event
 * (`user_add_org`, `user_modify_org`, `user_leave_org`, `org_dept_create/modify/remove`), sent
 * in order as `POST url?msg_signature&timestamp&nonce` with body `{"encrypt": …}`. The receiver
 * must answer `{msg_signature, timeStamp, nonce, encrypt}` whose encrypt is "success" encrypted
 * with the same token and aes_key; anything else is a failed attempt, retried after a pause.
 * Configuring a URL first pushes `check_url`, and the configuration is refused unless it succeeds.
 */
import { createCallbackCrypto, type CallbackCrypto } from '@orgbridge/dingtalk/crypto';
import type { Clock } from './clock';
import type { OrgChange } from './org-store';

export interface CallbackConfig {
  url: string;
  token: string;
  aesKey: string;
  /** Default: the AppKey (an internal app's event subscription). */
  ownerKey?: string;
}

export interface CallbackDelivery {
  eventType: string;
  payload: Record<string, unknown>;
  attempts: number;
  ok: boolean;
  /** Why the last attempt failed. */
  error?: string;
  at: number;
}

export interface CallbackOptions {
  timeoutMs: number;
  retryDelayMs: number;
  /** Attempts per event (default 3). */
  attempts?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createCallbacks(
  appKey: string,
  corpId: string,
  clock: Clock,
  opts: CallbackOptions,
) {
  let config: (CallbackConfig & { crypto: CallbackCrypto }) | null = null;
  let deliveries: CallbackDelivery[] = [];
  let chain: Promise<void> = Promise.resolve();

  async function attempt(payload: Record<string, unknown>): Promise<string | null> {
    if (!config) return 'no callback configured';
    const { crypto } = config;
    const sealed = crypto.encrypt(JSON.stringify(payload), String(clock.now()));
    const url = new URL(config.url);
    url.searchParams.set('msg_signature', sealed.msg_signature);
    url.searchParams.set('timestamp', sealed.timeStamp);
    url.searchParams.set('nonce', sealed.nonce);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypt: sealed.encrypt }),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      const text = await res.text();
      if (res.status !== 200) return `HTTP ${res.status}`;
      let reply: Record<string, unknown>;
      try {
        reply = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return 'reply is not {msg_signature, timeStamp, nonce, encrypt} JSON';
      }
      const signature = reply.msg_signature;
      const timestamp = reply.timeStamp ?? reply.timestamp;
      if (
        typeof signature !== 'string' ||
        typeof timestamp !== 'string' ||
        typeof reply.nonce !== 'string' ||
        typeof reply.encrypt !== 'string'
      )
        return 'reply is not {msg_signature, timeStamp, nonce, encrypt} JSON';
      const plain = crypto.decrypt({ signature, timestamp, nonce: reply.nonce }, reply.encrypt);
      return plain === 'success'
        ? null
        : `reply decrypts to ${JSON.stringify(plain.slice(0, 40))}, not "success"`;
    } catch (err) {
      return (err as Error).message;
    }
  }

  async function deliver(payload: Record<string, unknown>): Promise<CallbackDelivery> {
    const d: CallbackDelivery = {
      eventType: String(payload.EventType),
      payload,
      attempts: 0,
      ok: false,
      at: clock.now(),
    };
    deliveries.push(d);
    const max = opts.attempts ?? 3;
    for (;;) {
      d.attempts++;
      const error = await attempt(payload);
      if (error === null) {
        d.ok = true;
        delete d.error;
        return d;
      }
      d.error = error;
      if (d.attempts >= max) return d;
      await sleep(opts.retryDelayMs);
    }
  }

  function eventOf(change: OrgChange): Record<string, unknown> {
    const base = { EventType: change.type, TimeStamp: String(clock.now()), CorpId: corpId };
    return 'userIds' in change
      ? { ...base, UserId: change.userIds }
      : { ...base, DeptId: change.deptIds };
  }

  return {
    /** Sets the push URL after a successful check_url; returns the check's delivery record. */
    async configure(c: CallbackConfig): Promise<CallbackDelivery> {
      const crypto = createCallbackCrypto({
        token: c.token,
        aesKey: c.aesKey,
        ownerKey: c.ownerKey ?? appKey,
      });
      const previous = config;
      config = { ...c, crypto };
      const check = await deliver({ EventType: 'check_url', TimeStamp: String(clock.now()) });
      if (!check.ok) config = previous;
      return check;
    },
    onChange(change: OrgChange): void {
      if (!config) return;
      const payload = eventOf(change);
      chain = chain.then(() => deliver(payload).then(() => undefined));
    },
    /** Resolves once every queued event was delivered or gave up. */
    idle: (): Promise<void> => chain,
    deliveries: () => deliveries,
    configured: () => (config ? { url: config.url, ownerKey: config.ownerKey ?? appKey } : null),
    reset(): void {
      config = null;
      deliveries = [];
    },
  };
}

export type Callbacks = ReturnType<typeof createCallbacks>;
