import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminToolsApi } from './admin-tools';

/**
 * The batch and export calls go through the typed client (paths and bodies from schema.gen.ts):
 * what reaches the wire is the route's path with its id filled in, the filters as the query
 * (empty ones dropped), and the session's headers.
 */
const calls: { url: string; init: RequestInit }[] = [];
const links: { href: string; download: string }[] = [];

beforeEach(() => {
  calls.length = 0;
  links.length = 0;
  const store = new Map<string, string>([
    ['orgbridge.token', 'tok'],
    ['orgbridge.tenantId', '3'],
  ]);
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null });
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const csv = url.includes('/export');
    return Promise.resolve(
      csv
        ? new Response('\uFEFFid\r\n', {
            headers: { 'content-disposition': 'attachment; filename="run-items.csv"' },
          })
        : Response.json({ success: true, result: { done: 2, failed: 0, items: [] } }),
    );
  });
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }),
  );
  vi.stubGlobal('document', {
    createElement: () => {
      const link = { href: '', download: '', click: () => {}, remove: () => {} };
      links.push(link);
      return link;
    },
    body: { appendChild: () => {} },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('adminToolsApi', () => {
  it("an export fills the route's id, sends the filters and saves the file under the server's name", async () => {
    await adminToolsApi.exportRunItems(7, { outcome: 'failed' });
    expect(calls.map((c) => c.url)).toEqual([
      '/sys/thirdApp/sync/runs/7/items/export?outcome=failed',
    ]);
    const headers = calls[0]!.init.headers as Headers;
    expect(headers.get('X-Access-Token')).toBe('tok');
    expect(headers.get('X-Tenant-Id')).toBe('3');
    expect(links.map((l) => l.download)).toEqual(['run-items.csv']);
  });

  it('empty filters are not sent', async () => {
    await adminToolsApi.exportUsers({ keyword: '', departmentId: undefined });
    expect(calls.map((c) => c.url)).toEqual(['/sys/user/export']);
  });

  it('a batch posts its body to the batch route and answers the result', async () => {
    const result = await adminToolsApi.freezeUsers([4, 5], true);
    expect(result).toEqual({ done: 2, failed: 0, items: [] });
    expect(calls[0]!.url).toBe('/sys/user/batchFreeze');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ userIds: [4, 5], frozen: true });
  });
});
