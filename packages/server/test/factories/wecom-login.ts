import { connectWeCom } from '@orgbridge/test-world';
import type { Simulator } from '@orgbridge/wecom-sim';
import type { TestApp } from '../build-test-app';

const BASE = '/sys/thirdLogin/oauth2/wechat_enterprise';

export interface Hop {
  status: number;
  location: string;
  /** `name=value` of the nonce cookie the response set, if any. */
  setCookie: string | null;
}

/** GET through the app (not following redirects). */
export async function hop(t: TestApp, url: string, cookie?: string | null): Promise<Hop> {
  const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return {
    status: res.statusCode,
    location: String(res.headers.location ?? ''),
    setCookie: first ? first.split(';')[0]! : null,
  };
}

export const startUrl = (q: Record<string, string | number>) =>
  `${BASE}/login?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`;

/** The browser at WeCom's page: the simulator picks `userid` and redirects back with a code. */
export async function authorizeAt(location: string, userid: string): Promise<string> {
  const url = new URL(location);
  url.hash = '';
  url.searchParams.set('sim_userid', userid);
  const res = await fetch(url, { redirect: 'manual' });
  const next = res.headers.get('location');
  if (res.status !== 302 || !next) {
    throw new Error(`simulator did not redirect (${res.status}): ${await res.text()}`);
  }
  return next;
}

/** The path + query of an absolute callback URL, for `inject`. */
export const pathOf = (absolute: string) => {
  const u = new URL(absolute);
  return u.pathname + u.search;
};

/** The landing page's fragment parameters (`#ticket=…`, `#error=…`). */
export function fragmentOf(location: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(new URL(location).hash.slice(1)));
}

/** A whole browser round trip: start → WeCom (simulator) → callback → landing fragment. */
export async function weComSignIn(
  t: TestApp,
  p: { tenantId: number; userid: string; qr?: boolean; redirect?: string },
) {
  const q: Record<string, string | number> = { tenantId: p.tenantId };
  if (p.qr) q.qr = 1;
  if (p.redirect !== undefined) q.redirect = p.redirect;
  const start = await hop(t, startUrl(q));
  if (start.status !== 302) throw new Error(`start answered ${start.status}`);
  if (!start.setCookie)
    return { start, landing: start.location, fragment: fragmentOf(start.location) };
  const callback = await authorizeAt(start.location, p.userid);
  const back = await hop(t, pathOf(callback), start.setCookie);
  return { start, callback, landing: back.location, fragment: fragmentOf(back.location) };
}

/** Configures WeCom for a tenant through the API, like its administrator would. */
export const configureWeCom = (
  t: TestApp,
  sim: Simulator,
  adminToken: string,
  tenantId: number,
  over: Record<string, unknown> = {},
) => connectWeCom(t.call, { token: adminToken, tenantId }, sim, { over });

/** Active members of the simulated corp (can sign in). */
export function activeSimUsers(sim: Simulator): string[] {
  return sim.admin
    .listUsers()
    .filter((u) => u.status === 1)
    .map((u) => u.userid);
}
