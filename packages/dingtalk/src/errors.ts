import {
  LOCAL_ERRCODE,
  classifyApiError,
  classifyErrcode,
  effectiveErrcode,
  explainErrcode,
  type ErrorKind,
  type Explanation,
  type Locale,
} from './errcodes';

export { LOCAL_ERRCODE };

export interface DingTalkErrorInit {
  errcode: number;
  errmsg: string;
  api: string;
  /** errcode 88 carries the real reason here ("60011"). */
  subCode?: string;
  /** api.dingtalk.com (v1.0) refusals: the string code and the HTTP status. */
  code?: string;
  status?: number;
  kind?: ErrorKind;
  retryable?: boolean;
  /** True when the request may have reached DingTalk and taken effect (timeout/reset after sending). */
  uncertain?: boolean;
  body?: Record<string, unknown>;
  cause?: unknown;
}

/** oapi errcodes whose texts explain a v1.0 refusal of the same kind. */
const V1_TWINS: Partial<Record<ErrorKind, (status: number) => number | undefined>> = {
  // 401: the token was refused (40014); otherwise the AppKey/AppSecret pair (40089).
  token: (status) => (status === 401 ? 40014 : 40089),
  rate: () => 90018,
  permission: () => 60011,
};

/**
 * The one error type of the client. `kind` drives what the caller does (reconfigure, wait, fix
 * permissions, add an allow-listed IP); `explain()` gives the admin-facing title, cause and fix.
 */
export class DingTalkError extends Error {
  override readonly name = 'DingTalkError';
  readonly errcode: number;
  readonly errmsg: string;
  readonly api: string;
  readonly subCode?: string;
  readonly code?: string;
  readonly status?: number;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly uncertain: boolean;
  readonly body?: Record<string, unknown>;

  constructor(init: DingTalkErrorInit) {
    const shown = init.code ? `${init.status ?? ''} ${init.code}`.trim() : String(init.errcode);
    super(`DingTalk ${init.api} failed: ${shown} ${init.errmsg}`, { cause: init.cause });
    const effective = effectiveErrcode(init.errcode, init.subCode);
    let cls = classifyErrcode(effective);
    if (init.errcode === LOCAL_ERRCODE.apiError) {
      const kind = classifyApiError(init.status ?? 0, init.code ?? '');
      // Only a rejected token (401) is cured by a new one; a wrong secret is not.
      const retryable =
        kind === 'rate' || kind === 'transient' || (kind === 'token' && init.status === 401);
      cls = { kind, retryable };
    }
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.api = init.api;
    if (init.subCode !== undefined) this.subCode = init.subCode;
    if (init.code !== undefined) this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    this.kind = init.kind ?? cls.kind;
    this.retryable = init.retryable ?? cls.retryable;
    this.uncertain = init.uncertain ?? false;
    if (init.body) this.body = init.body;
  }

  /** The errcode that classifies this error (88's numeric sub_code, else errcode). */
  get effectiveErrcode(): number {
    return effectiveErrcode(this.errcode, this.subCode);
  }

  explain(locale: Locale): Explanation {
    if (this.errcode === LOCAL_ERRCODE.apiError) {
      // A v1.0 refusal carries a string code; explain it as its oapi counterpart where one exists.
      const twin = V1_TWINS[this.kind]?.(this.status ?? 0);
      if (twin !== undefined) return explainErrcode(twin, locale);
    }
    return explainErrcode(this.errcode, locale, this.subCode);
  }
}
