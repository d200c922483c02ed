import { afterAll } from 'vitest';
import { startSimulator, type Simulator, type SimOptions } from '../src/index';

export interface WireResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { errcode: number; errmsg: string };
}

/** Starts a simulator for the current test file and closes it afterwards. */
export async function useSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ users: 300, departments: 30, seed: 7, ...opts });
  afterAll(() => sim.close());
  return sim;
}

export async function call(
  sim: Simulator,
  path: string,
  init: { token?: string; body?: unknown; query?: Record<string, string> } = {},
): Promise<WireResponse> {
  const url = new URL(`/cgi-bin/${path}`, sim.url);
  if (init.token !== undefined) url.searchParams.set('access_token', init.token);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const response = await fetch(
    url,
    init.body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(init.body),
        },
  );
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as WireResponse['body'],
  };
}

export async function token(sim: Simulator, secret = sim.credentials.secret): Promise<string> {
  const r = await call(sim, 'gettoken', {
    query: { corpid: sim.credentials.corpId, corpsecret: secret },
  });
  if (r.body.errcode !== 0) throw new Error(`gettoken failed: ${r.body.errmsg}`);
  return r.body.access_token as string;
}

/** errmsg as modern WeCom prints it. */
export const ERRMSG_SHAPE = (code: number) =>
  new RegExp(
    `^.+, hint: \\[\\d{25}\\], from ip: 127\\.0\\.0\\.1, more info at https://open\\.work\\.weixin\\.qq\\.com/devtool/query\\?e=${code}$`,
  );

export const activeUser = (sim: Simulator) => {
  const user = sim.admin.listUsers().find((u) => u.status === 1);
  if (!user) throw new Error('no active member');
  return user;
};
