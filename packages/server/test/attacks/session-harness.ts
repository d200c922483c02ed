import { updateWeCom } from '@orgbridge/test-world';
/** Shared arrangement of the WeCom sign-in (session) attack suites (PRODUCT.md §5.6, §7). */
import { afterAll, beforeAll, expect } from 'vitest';
import { syncWorld, type SyncWorld } from '../../src/modules/directory-sync/sync.test-harness';
import { activeSimUsers } from '../factories/wecom-login';

export type UnboundLogin = 'refuse' | 'link' | 'create';

export interface LoginWorld extends SyncWorld {
  /** An active WeCom member of the simulated corp no earlier call returned. */
  freshUserid(): string;
  /** Sets the tenant's policy for WeCom members without a binding, as its admin would. */
  setPolicy(unboundLogin: UnboundLogin): Promise<void>;
}

/**
 * A simulator, an app and a tenant (created by the platform admin, so the platform admin is an
 * active admin member of it) with WeCom configured by its admin (`admin`), made in `beforeAll`
 * (with `unboundLogin` set when given) and closed in `afterAll`. The returned object is filled in
 * by `beforeAll`: use it inside hooks and tests.
 */
export function useLoginWorld(
  corp: { seed: number; users: number; departments: number },
  unboundLogin?: UnboundLogin,
): LoginWorld {
  const w = {} as LoginWorld;
  beforeAll(async () => {
    const world = await syncWorld(corp);
    const simUsers = activeSimUsers(world.sim);
    let next = 0;
    Object.assign(w, world, {
      freshUserid: () => simUsers[next++]!,
      async setPolicy(policy: UnboundLogin) {
        const res = await updateWeCom(
          world.t.call,
          { token: world.admin.token },
          { syncPolicy: { unboundLogin: policy } },
        );
        expect(res.status, res.body.message).toBe(200);
      },
    });
    if (unboundLogin) await w.setPolicy(unboundLogin);
  });
  afterAll(async () => {
    if (typeof w.close === 'function') await w.close();
  });
  return w;
}
