import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindingsApi } from './bindings';
import { syncApi } from './sync';
import { thirdAppApi } from './third-app';

/**
 * The integration pages' calls carry the page's thirdType, and the config body is JeecgBoot's
 * shape: the connector's settings at the top level beside the common fields.
 */
const calls: { url: string; init: RequestInit }[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal('localStorage', { getItem: () => null });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(Response.json({ success: true, result: null }));
  });
});
afterEach(() => vi.unstubAllGlobals());

const body = (i: number) => JSON.parse(String(calls[i]!.init.body)) as Record<string, unknown>;

describe('the config calls of one provider', () => {
  it('a first save puts the settings at the top level of the body, beside thirdType and the common fields', async () => {
    await thirdAppApi('dingtalk').create({
      settings: {
        clientId: 'dingkey',
        clientSecret: 'S3cret-value',
        agentId: 3001,
        corpId: 'dingc',
      },
      enabled: true,
    });
    expect(calls[0]!.url).toBe('/sys/thirdApp/config');
    expect(calls[0]!.init.method).toBe('POST');
    expect(body(0)).toEqual({
      thirdType: 'dingtalk',
      clientId: 'dingkey',
      clientSecret: 'S3cret-value',
      agentId: 3001,
      corpId: 'dingc',
      enabled: true,
    });
  });

  it('an edit sends only what it was given (a removed optional secret as null)', async () => {
    await thirdAppApi('wechat_enterprise').update({
      settings: { contactSecret: null },
      syncPolicy: { schedule: null },
    });
    expect(calls[0]!.init.method).toBe('PUT');
    expect(body(0)).toEqual({
      thirdType: 'wechat_enterprise',
      contactSecret: null,
      syncPolicy: { schedule: null },
    });
  });

  it('read, test and removal name the provider in the query', async () => {
    const api = thirdAppApi('dingtalk');
    await api.get();
    await api.test();
    await api.remove();
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /sys/thirdApp/config?thirdType=dingtalk',
      'POST /sys/thirdApp/config/test?thirdType=dingtalk',
      'DELETE /sys/thirdApp/config?thirdType=dingtalk',
    ]);
  });

  it('the bindings list and the sync preview pass the page’s thirdType too', async () => {
    await bindingsApi.list({ thirdType: 'dingtalk', page: 1, pageSize: 10 });
    await syncApi.preview('dingtalk');
    expect(calls[0]!.url).toBe('/sys/thirdApp/bindings?thirdType=dingtalk&page=1&pageSize=10');
    expect(body(1)).toEqual({ thirdType: 'dingtalk' });
  });
});
