import { getTenantId, getToken, LANGUAGE_KEY } from './storage';

/** The `/sys` response envelope (PRODUCT.md §4). */
interface Envelope<T> {
  success: boolean;
  message: string;
  code: number;
  result: T;
  timestamp: number;
  errorCode?: string;
  requestId?: string;
  details?: unknown;
}

/** A refused or failed API call, carrying what the server said so the UI can explain it. */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly requestId: string | undefined;
  readonly details: unknown;

  constructor(opts: {
    status: number;
    message: string;
    errorCode?: string | undefined;
    requestId?: string | undefined;
    details?: unknown;
  }) {
    super(opts.message);
    this.name = 'ApiError';
    this.status = opts.status;
    this.errorCode = opts.errorCode;
    this.requestId = opts.requestId;
    this.details = opts.details;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /**
   * Send this tenant instead of the selected one (e.g. quitting a tenant that is not current);
   * `null` sends no tenant header at all.
   */
  tenantId?: number | null;
}

type UnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called on every 401 so the app can drop the session and show the login page. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function buildHeaders(opts: RequestOptions): Headers {
  const headers = new Headers({ Accept: 'application/json' });
  const token = getToken();
  if (token) headers.set('X-Access-Token', token);
  const tenantId = opts.tenantId === undefined ? getTenantId() : opts.tenantId;
  if (tenantId !== null) headers.set('X-Tenant-Id', String(tenantId));
  headers.set('Accept-Language', localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN');
  if (opts.body !== undefined) headers.set('Content-Type', 'application/json');
  return headers;
}

async function readEnvelope<T>(response: Response): Promise<Envelope<T> | null> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as Envelope<T>;
  } catch {
    return null;
  }
}

/** Calls the API and returns `result`; throws ApiError for anything but a successful envelope. */
export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, opts.query), {
      method,
      headers: buildHeaders(opts),
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (cause) {
    throw new ApiError({ status: 0, message: String(cause), errorCode: 'network.unreachable' });
  }
  const envelope = await readEnvelope<T>(response);
  if (response.ok && envelope && envelope.success !== false) return envelope.result;
  const error = new ApiError({
    status: response.status,
    message: envelope?.message || response.statusText || `HTTP ${response.status}`,
    errorCode: envelope?.errorCode ?? (envelope ? undefined : `http.${response.status}`),
    requestId: envelope?.requestId,
    details: envelope?.details,
  });
  if (response.status === 401) unauthorizedListeners.forEach((listener) => listener(error));
  throw error;
}

/**
 * Downloads a file answer (e.g. a CSV export) with the session's headers, which a plain link
 * cannot send, and hands it to the browser under the name the server gave. Refusals throw
 * ApiError like any call.
 */
export async function download(path: string, query?: Query): Promise<void> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: buildHeaders({}) });
  } catch (cause) {
    throw new ApiError({ status: 0, message: String(cause), errorCode: 'network.unreachable' });
  }
  if (!response.ok) {
    const envelope = await readEnvelope<unknown>(response);
    throw new ApiError({
      status: response.status,
      message: envelope?.message || response.statusText || `HTTP ${response.status}`,
      errorCode: envelope?.errorCode ?? `http.${response.status}`,
      requestId: envelope?.requestId,
      details: envelope?.details,
    });
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body: unknown = {}, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** A page of rows as the list endpoints return it. */
export interface Paged<T> {
  records: T[];
  total: number;
}
