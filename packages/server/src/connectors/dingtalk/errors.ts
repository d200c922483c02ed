import { DingTalkError } from '@orgbridge/dingtalk';
import { ConnectorError, type Explanation, type Locale } from '../kit';

/** Translates the DingTalk client's error into the neutral ConnectorError; other errors pass through. */
export function toConnectorError(err: unknown): unknown {
  if (!(err instanceof DingTalkError)) return err;
  return new ConnectorError(
    err.kind,
    err.message,
    {
      // errcode 88 is an envelope: its numeric sub_code is the code people can look up.
      providerCode: err.effectiveErrcode,
      providerMessage: err.code ? `${err.code}: ${err.errmsg}` : err.errmsg,
      api: err.api,
      retryable: err.retryable,
      uncertain: err.uncertain,
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

/** The DingTalk errcode of a failure (the sub_code under 88), or null when it is not DingTalk's. */
export function providerCodeOf(err: unknown): number | null {
  if (err instanceof DingTalkError) return err.effectiveErrcode;
  if (err instanceof ConnectorError) return err.info.providerCode;
  return null;
}

/**
 * A refusal the connector makes before calling DingTalk (a message it cannot carry): an input
 * error the messages module answers with a 400, with what to change.
 */
export function refusal(
  api: string,
  message: string,
  explanation: Record<Locale, Explanation>,
): ConnectorError {
  return new ConnectorError('input', message, {
    // 0: DingTalk was not asked; the connector refused.
    providerCode: 0,
    providerMessage: message,
    api,
    retryable: false,
    explanation,
  });
}
