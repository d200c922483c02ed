import { WeComError } from '@orgbridge/wecom';
import { ConnectorError } from '../kit';

/** Translates the WeCom client's error into the neutral ConnectorError; other errors pass through. */
export function toConnectorError(err: unknown): unknown {
  if (!(err instanceof WeComError)) return err;
  return new ConnectorError(
    err.kind,
    err.message,
    {
      providerCode: err.errcode,
      providerMessage: err.errmsg,
      api: err.api,
      retryable: err.retryable,
      uncertain: err.uncertain,
      ...(err.fromIp ? { fromIp: err.fromIp } : {}),
      ...(err.body ? { body: err.body } : {}),
      explanation: { 'zh-CN': err.explain('zh-CN'), en: err.explain('en') },
    },
    { cause: err },
  );
}

/** Runs a provider call and rethrows its failure as a ConnectorError. */
export async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toConnectorError(err);
  }
}
