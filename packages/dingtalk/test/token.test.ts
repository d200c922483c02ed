import { describe, expect, it } from 'vitest';
import { createMemoryTokenStore, type DingTalkError } from '../src/index';
import { client, count, recorder, sharedStores, useSim } from './helpers';

describe('access token', async () => {
  const sim = await useSim({ qps: 0 });

  it('fetches one token for 200 concurrent callers', async () => {
    sim.admin.reset();
    const dt = client(sim);
    const tokens = await Promise.all(Array.from({ length: 200 }, () => dt.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(count(sim, 'v1.0/oauth2/accessToken')).toBe(1);
  });

  it('fetches one token for 200 concurrent calls spread over clients sharing a store', async () => {
    sim.admin.reset();
    const store = createMemoryTokenStore();
    const users = sim.admin.listUsers().slice(0, 200);
    await Promise.all(users.map((u) => client(sim, { tokenStore: store }).user.get(u.userid)));
    expect(count(sim, 'v1.0/oauth2/accessToken')).toBe(1);
  });

  it('fetches one token across processes that share a locked store', async () => {
    sim.admin.reset();
    const stores = sharedStores(5);
    await Promise.all(
      stores.flatMap((s) =>
        Array.from({ length: 40 }, () => client(sim, { tokenStore: s }).getToken()),
      ),
    );
    expect(count(sim, 'v1.0/oauth2/accessToken')).toBe(1);
  });

  it('uses the legacy gettoken when asked to', async () => {
    sim.admin.reset();
    const dt = client(sim, { tokenEndpoint: 'legacy' });
    await dt.user.get(sim.admin.listUsers()[0]!.userid);
    expect(count(sim, 'gettoken')).toBe(1);
    expect(count(sim, 'v1.0/oauth2/accessToken')).toBe(0);
  });

  it('refreshes a revoked token once and retries the call (40014)', async () => {
    sim.admin.reset();
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest });
    await dt.getToken();
    sim.admin.revokeToken();
    await dt.user.get(sim.admin.listUsers()[0]!.userid);
    expect(rec.codes('topapi/v2/user/get')).toEqual([40014, 0]);
    expect(count(sim, 'v1.0/oauth2/accessToken')).toBe(2);
  });

  it('refreshes an expired token (42001 after 7200 s)', async () => {
    sim.admin.reset();
    const rec = recorder();
    const dt = client(sim, { onRequest: rec.onRequest, refreshAheadMs: 0 });
    await dt.getToken();
    const user = sim.admin.listUsers()[0]!.userid;
    await dt.user.get(user);
    // The client's local copy is still "fresh" by its own clock; DingTalk's clock moved on.
    sim.admin.advanceClock(7_201_000);
    await dt.user.get(user);
    expect(rec.codes('topapi/v2/user/get')).toEqual([0, 42001, 0]);
  });

  it('reports wrong credentials without retrying', async () => {
    sim.admin.reset();
    const rec = recorder();
    const dt = client(sim, { appSecret: 'wrong', onRequest: rec.onRequest });
    const err = (await dt.getToken().catch((e: unknown) => e)) as DingTalkError;
    expect(err.kind).toBe('token');
    expect(err.code).toBe('invalidClientIdOrSecret');
    expect(rec.seen).toHaveLength(1);
    // Explained like gettoken's 40089, not as a generic v1.0 refusal: the admin must fix the pair.
    expect(err.explain('en').title).toBe('Invalid AppKey or AppSecret');
    expect(err.explain('zh-CN').fix).toContain('AppSecret');
  });
});
