/**
 * The one way the world talks to OrgBridge: a caller that answers the HTTP status and the JSON
 * envelope. The server tests' `TestApp.call` (app.inject) is one; `httpCaller(url)` (fetch) is the
 * one of the browser journeys and the bench.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CallAs {
  token?: string;
  tenantId?: number | string;
}

export interface Envelope {
  success?: boolean;
  message: string;
  errorCode?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers read result fields freely and assert them
  result: any;
}

export interface Answer {
  status: number;
  body: Envelope;
}

export type Caller = (method: Method, url: string, body?: unknown, as?: CallAs) => Promise<Answer>;

/** Someone who may create tenants and accounts: the platform admin of an app or a server. */
export interface Platform {
  call: Caller;
  adminToken: string;
}

/** The result of a 200 answer; anything else throws with the status, code and message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see Envelope.result
export function ok(res: Answer, what: string): any {
  if (res.status !== 200)
    throw new Error(`${what}: ${res.status} ${res.body.errorCode ?? ''} ${res.body.message}`);
  return res.body.result;
}

/** A caller over real HTTP to a running server at `baseUrl`. */
export function httpCaller(baseUrl: string): Caller {
  return async (method, url, body, as = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (as.token) headers['X-Access-Token'] = as.token;
    if (as.tenantId !== undefined) headers['X-Tenant-Id'] = String(as.tenantId);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Envelope;
    try {
      parsed = JSON.parse(text) as Envelope;
    } catch {
      parsed = { message: text.slice(0, 500), result: null };
    }
    return { status: res.status, body: parsed };
  };
}

/** Signs in over `call` and answers the session token. */
export async function signIn(call: Caller, username: string, password: string): Promise<string> {
  const res = await call('POST', '/sys/login', { username, password });
  return (ok(res, `sign in ${username}`) as { token: string }).token;
}

/** The platform admin of a running server, signed in over HTTP. */
export async function platformOf(baseUrl: string, password: string, username = 'admin') {
  const call = httpCaller(baseUrl);
  return { call, adminToken: await signIn(call, username, password) } satisfies Platform;
}
