import { afterAll } from 'vitest';
import { startSimulator, type Simulator, type SimOptions } from '../src/index';

export async function useSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ users: 300, departments: 20, seed: 7, ...opts });
  afterAll(() => sim.close());
  return sim;
}

export interface Wire {
  status: number;
  body: Record<string, unknown>;
}

/** One raw call, as DingTalk would receive it (path without the leading slash). */
export async function call(
  sim: Simulator,
  path: string,
  init: {
    token?: string;
    body?: unknown;
    raw?: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
): Promise<Wire> {
  const url = new URL(`/${path}`, sim.url);
  if (init.token !== undefined) url.searchParams.set('access_token', init.token);
  for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const res = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

export async function appToken(sim: Simulator): Promise<string> {
  const r = await call(sim, 'gettoken', {
    query: { appkey: sim.credentials.appKey, appsecret: sim.credentials.appSecret },
  });
  if (r.body.errcode !== 0) throw new Error(`gettoken failed: ${JSON.stringify(r.body)}`);
  return r.body.access_token as string;
}
