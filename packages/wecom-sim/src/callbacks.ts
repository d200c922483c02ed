import { randomInt } from 'node:crypto';
import { computeSignature, encryptMessage } from '@orgbridge/wecom/crypto';
import type { Clock } from './clock';
import { changeContactXml } from './event-xml';
import type { OrgChange } from './org-store';

export interface CallbackConfig {
  url: string;
  token: string;
  encodingAesKey: string;
  /** Post-2022-08-15 sync-assistant configuration: reduced payloads. */
  reduced?: boolean;
}

export interface CallbackDelivery {
  /** The contact change, or `template_card_event` for a click on an interactive card. */
  changeType: OrgChange['type'] | 'template_card_event';
  /** Decrypted payload, for tests and the README examples. */
  plaintext: string;
  attempts: number;
  delivered: boolean;
  lastError?: string;
}

export interface CallbackTiming {
  timeoutMs: number;
  retryDelayMs: number;
}

const ATTEMPTS = 3;
const digits = (n: number): string => Array.from({ length: n }, () => randomInt(10)).join('');

/**
 * change_contact delivery (doc /90930, /90970): a configuration only becomes active after the
 * GET URL verification echoed the plaintext; events are then POSTed one at a time, in order,
 * as the encrypted XML envelope, with up to 3 attempts on non-200 or timeout.
 */
export function createCallbacks(corpId: string, clock: Clock, timing: CallbackTiming) {
  let config: CallbackConfig | null = null;
  let queue: Promise<void> = Promise.resolve();
  const deliveries: CallbackDelivery[] = [];

  function signedQuery(cfg: CallbackConfig, encrypt: string): URLSearchParams {
    const timestamp = String(Math.floor(clock.now() / 1000));
    const nonce = digits(10);
    return new URLSearchParams({
      msg_signature: computeSignature(cfg.token, timestamp, nonce, encrypt),
      timestamp,
      nonce,
    });
  }

  const withQuery = (url: string, query: URLSearchParams): string =>
    `${url}${url.includes('?') ? '&' : '?'}${query}`;

  /** Throws (and leaves the previous configuration in place) when verification fails. */
  async function configure(next: CallbackConfig): Promise<void> {
    if (!/^[A-Za-z0-9]{43}$/.test(next.encodingAesKey))
      throw new Error('EncodingAESKey must be 43 letters/digits');
    if (!/^[A-Za-z0-9]{1,32}$/.test(next.token))
      throw new Error('Token must be 1–32 letters/digits');
    const echo = digits(19);
    const echostr = encryptMessage(next.encodingAesKey, echo, corpId);
    const query = signedQuery(next, echostr);
    query.set('echostr', echostr);
    const response = await fetch(withQuery(next.url, query), {
      signal: AbortSignal.timeout(timing.timeoutMs),
    });
    const text = await response.text();
    if (response.status !== 200 || text !== echo) {
      throw new Error(
        `callback URL verification failed: HTTP ${response.status}, body ${JSON.stringify(text.slice(0, 100))}`,
      );
    }
    config = { ...next };
  }

  async function attempt(cfg: CallbackConfig, plaintext: string, agentId = ''): Promise<void> {
    const encrypt = encryptMessage(cfg.encodingAesKey, plaintext, corpId);
    // Contact changes go to the sync assistant, whose envelope carries an empty AgentID (reference §7.3, UNSURE).
    const body = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><AgentID><![CDATA[${agentId}]]></AgentID><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const response = await fetch(withQuery(cfg.url, signedQuery(cfg, encrypt)), {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body,
      signal: AbortSignal.timeout(timing.timeoutMs),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  }

  async function deliver(
    cfg: CallbackConfig,
    record: CallbackDelivery,
    agentId?: number,
  ): Promise<void> {
    while (record.attempts < ATTEMPTS) {
      record.attempts++;
      try {
        await attempt(cfg, record.plaintext, agentId === undefined ? '' : String(agentId));
        record.delivered = true;
        delete record.lastError;
        return;
      } catch (error) {
        record.lastError = error instanceof Error ? error.message : String(error);
        if (record.attempts < ATTEMPTS)
          await new Promise((r) => setTimeout(r, timing.retryDelayMs));
      }
    }
  }

  /** Called by the org store after each admin mutation. */
  function onChange(change: OrgChange): void {
    const cfg = config;
    if (!cfg) return;
    const plaintext = changeContactXml(
      change,
      corpId,
      Math.floor(clock.now() / 1000),
      cfg.reduced ?? false,
    );
    if (plaintext === null) return;
    const record: CallbackDelivery = {
      changeType: change.type,
      plaintext,
      attempts: 0,
      delivered: false,
    };
    deliveries.push(record);
    queue = queue.then(() => deliver(cfg, record));
  }

  /**
   * An app event (a click on an interactive card) to the same URL, after the events queued
   * before it; resolves with the delivery once delivered or given up on. Null when no callback
   * URL is configured (WeCom then has nowhere to send it).
   */
  function deliverAppEvent(
    changeType: 'template_card_event',
    plaintext: string,
    agentId: number,
  ): Promise<CallbackDelivery> | null {
    const cfg = config;
    if (!cfg) return null;
    const record: CallbackDelivery = { changeType, plaintext, attempts: 0, delivered: false };
    deliveries.push(record);
    const done = queue.then(() => deliver(cfg, record, agentId));
    queue = done;
    return done.then(() => ({ ...record }));
  }

  return {
    configure,
    onChange,
    deliverAppEvent,
    config: (): CallbackConfig | null => config,
    deliveries: (): CallbackDelivery[] => deliveries.map((d) => ({ ...d })),
    /** Resolves once every queued event has been delivered or given up on. */
    flush: (): Promise<void> => queue,
    setTiming(next: Partial<CallbackTiming>): void {
      Object.assign(timing, next);
    },
    reset(): void {
      config = null;
      deliveries.length = 0;
    },
  };
}

export type Callbacks = ReturnType<typeof createCallbacks>;
