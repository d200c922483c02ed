import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, useDingTalkSim } from './testing';

/** Connector events (PRODUCT.md §8) and the egress proxy, against the simulator. */
describe('DingTalk connector events and egress proxy', async () => {
  const sim = await useDingTalkSim();

  it('reports 60020 (server IP not allow-listed) as an untrusted address, and business successes', async () => {
    sim.admin.reset();
    const untrusted: { ip: string | null; api: string }[] = [];
    const succeeded: string[] = [];
    const calls: { api: string; errcode: number }[] = [];
    const { instance } = connect(
      sim,
      {},
      {
        events: {
          untrustedAddress: (info) => untrusted.push(info),
          callSucceeded: (api) => succeeded.push(api),
        },
        observeCall: ({ api, errcode }) => calls.push({ api, errcode }),
      },
    );
    await instance.directory.department('1');
    // The token endpoint is not subject to the allow-list: it proves nothing about the address.
    expect(succeeded).toEqual(['topapi/v2/department/get']);
    expect(calls.map((c) => c.api)).toEqual([
      'v1.0/oauth2/accessToken',
      'topapi/v2/department/get',
    ]);

    sim.admin.injectFault({ api: 'topapi/v2/user/get', kind: 'errcode', errcode: 60020, times: 1 });
    const err = await instance.directory
      .member(sim.admin.listUsers()[0]!.userid)
      .catch((e: unknown) => e);
    expect((err as { kind: string }).kind).toBe('network-policy');
    expect(untrusted).toEqual([{ ip: null, api: 'topapi/v2/user/get' }]);
    expect(calls.at(-1)).toEqual({ api: 'topapi/v2/user/get', errcode: 60020 });
  });

  it('sends every call, the token included, through the egress proxy', async () => {
    sim.admin.reset();
    const proxy = createProxy(http.createServer());
    let seen = 0;
    proxy.authenticate = () => {
      seen++;
      return true;
    };
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    afterAll(
      () =>
        new Promise<void>((resolve) => {
          proxy.closeAllConnections?.();
          proxy.close(() => resolve());
        }),
    );
    const { instance } = connect(
      sim,
      {},
      { egressProxy: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
    );
    const snap = await instance.directory.read();
    expect(snap.partial).toBe(false);
    expect(seen).toBe(snap.requests + 1);
  });
});
