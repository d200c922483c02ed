import {
  classifyErrcode,
  explainErrcode,
  parseFromIp,
  type ErrorKind,
  type Explanation,
} from './errcodes';

/**
 * Client-local codes for failures that never reached a WeCom errcode. WeCom's own codes are ≥ -1,
 * so these cannot collide.
 */
export const LOCAL_ERRCODE = {
  /** Connection refused/reset, DNS failure, socket closed. */
  network: -1001,
  /** No response within `timeoutMs`. */
  timeout: -1002,
  /** Body is not JSON (or not an object), or HTTP status is not 200 without an errcode. */
  badResponse: -1003,
} as const;

export interface WeComErrorInit {
  errcode: number;
  errmsg: string;
  api: string;
  /** Overrides the table (used for local codes). */
  kind?: ErrorKind;
  retryable?: boolean;
  /** True when the request may have reached WeCom and taken effect (timeout/reset after sending). */
  uncertain?: boolean;
  /** Extra payload fields of the error body, e.g. `invaliduser` on 81013. */
  body?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error type of the client. `kind` drives what the caller does (reconfigure, wait, fix
 * permissions, add a trusted IP); `explain()` gives the admin-facing title, cause and fix.
 */
export class WeComError extends Error {
  override readonly name = 'WeComError';
  readonly errcode: number;
  readonly errmsg: string;
  readonly api: string;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly uncertain: boolean;
  readonly fromIp?: string;
  readonly body?: Record<string, unknown>;

  constructor(init: WeComErrorInit) {
    super(`WeCom ${init.api} failed: ${init.errcode} ${init.errmsg}`, { cause: init.cause });
    const cls = classifyErrcode(init.errcode);
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.api = init.api;
    this.kind = init.kind ?? cls.kind;
    this.retryable = init.retryable ?? cls.retryable;
    this.uncertain = init.uncertain ?? false;
    const ip = parseFromIp(init.errmsg);
    if (ip) this.fromIp = ip;
    if (init.body) this.body = init.body;
  }

  explain(locale: 'zh-CN' | 'en'): Explanation {
    return explainErrcode(this.errcode, locale, this.errmsg);
  }
}
