/** Shared arrangement of the callback suites: a synced tenant whose app listens on a real port. */
import { createCallbackCrypto } from '@orgbridge/wecom/crypto';
import { randomBytes } from 'node:crypto';
import { simEndpoints, withSimulator, withWeComTenant } from '@orgbridge/test-world';
import type { SimOptions } from '@orgbridge/wecom-sim';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp } from '../../../test/build-test-app';
import type { AppConfig } from '../../config';
import { callbackEvents } from '../../db/schema';
import { rowsOf } from '../../lib/sql';
import type { SyncWorld } from '../directory-sync/sync.test-harness';

export interface CallbackWorld extends SyncWorld {
  /** This tenant's callback URL on the listening app. */
  url: string;
  token: string;
  encodingAesKey: string;
  corpId: string;
  /** The app's configuration: another app on the same database opens the same secrets with it. */
  config: Partial<AppConfig>;
}

export async function callbackWorld(simOptions: SimOptions): Promise<CallbackWorld> {
  const sim = await withSimulator({ leavers: 0, disabled: 0, ...simOptions });
  const config = { secretKey: randomBytes(32), wecom: simEndpoints(sim) };
  const t = await buildTestApp({ config });
  const { tenant, admin, config: created } = await withWeComTenant(t, sim);
  const cfg = created as { callbackToken: string; encodingAesKey: string };
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    sim,
    t,
    tenant,
    admin,
    config,
    url: `${address}/sys/thirdApp/callback/wechat_enterprise/${tenant.id}`,
    token: cfg.callbackToken,
    encodingAesKey: cfg.encodingAesKey,
    corpId: sim.credentials.corpId,
    async close() {
      await t.close();
      await sim.close();
    },
  };
}

/** Signs and encrypts `plaintext` as WeCom would for the given Token / key / CorpID. */
export function envelope(
  keys: { token: string; encodingAesKey: string; corpId: string },
  plaintext: string,
) {
  const sealed = createCallbackCrypto({
    token: keys.token,
    encodingAesKey: keys.encodingAesKey,
    receiveId: keys.corpId,
  }).encrypt(plaintext);
  const query = new URLSearchParams({
    msg_signature: sealed.signature,
    timestamp: sealed.timestamp,
    nonce: sealed.nonce,
  });
  const body = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><AgentID><![CDATA[]]></AgentID><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`;
  return { query, body };
}

export async function post(url: string, e: { query: URLSearchParams; body: string }) {
  const res = await fetch(`${url}?${e.query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: e.body,
  });
  return { status: res.status, text: await res.text() };
}

export function contactXml(corpId: string, body: string, createTime = 1_700_000_000): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>${body}</xml>`;
}

export async function eventsOf(w: SyncWorld, tenantId = w.tenant.id) {
  return w.t.db.select().from(callbackEvents).where(eq(callbackEvents.tenantId, tenantId));
}

export async function callbackRuns(w: SyncWorld) {
  return rowsOf<{ id: number; status: string; created_at: string; finished_at: string | null }>(
    await w.t.db.execute(
      sql`select id, status, created_at, finished_at from sync_runs where tenant_id = ${w.tenant.id} and trigger = 'callback' order by id`,
    ),
  );
}
