/**
 * DingTalk-shaped refusals. oapi answers HTTP 200 with `errcode`/`errmsg` (+ `sub_code`/`sub_msg`
 * under 88) and a `request_id`; api.dingtalk.com (v1.0) answers an HTTP status with
 * `{code, message, requestid}`. Texts are DingTalk's Chinese errmsgs where known (README).
 */
export const ERRMSG: Record<number, string> = {
  [-1]: '系统繁忙',
  88: '鉴权异常',
  40014: '不合法的access_token',
  400002: '无效的参数',
  40078: '不存在的临时授权码',
  40089: '不合法的appKey或appSecret',
  41001: '缺少access_token参数',
  42001: 'access_token超时',
  50002: '请求的员工userid不在授权范围内',
  50004: '请求的部门id不在授权范围内',
  60003: '未找到部门',
  60011: '没有调用该接口的权限',
  60121: '找不到该用户',
  90002: '您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了',
  90006: '应用调用该接口的频率超过每分钟上限',
  90018: '应用调用该接口的QPS超过限制',
};

export class DingTalkApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly text: string = ERRMSG[errcode] ?? '错误',
    readonly subCode?: string,
  ) {
    super(`${errcode} ${text}`);
    this.name = 'DingTalkApiError';
  }
}

/** A v1.0 refusal: HTTP status and string code. */
export class ApiV1Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: string,
  ) {
    super(`${status} ${code} ${text}`);
    this.name = 'ApiV1Error';
  }
}
