import { badRequest } from '../lib/errors';
import type { ConnectorDefinition } from './kit';
import { dingtalkConnector } from './dingtalk';
import { wecomConnector } from './wecom';

/**
 * Every registered connector (decision 0008). DingTalk (issue 19) and Feishu (issue 20) join with
 * one line each; their `thirdType` must be in THIRD_TYPES (db/schema/third-apps.ts).
 */
export const CONNECTORS: readonly ConnectorDefinition[] = [wecomConnector, dingtalkConnector];

/** The API's `thirdType` spelling (kept from the anchor system) → connector. */
const BY_THIRD_TYPE: ReadonlyMap<string, ConnectorDefinition> = new Map(
  CONNECTORS.map((c) => [c.thirdType, c]),
);

/** The thirdTypes that have a connector. */
export const SUPPORTED_THIRD_TYPES: readonly string[] = CONNECTORS.map((c) => c.thirdType);

/** The connector of `thirdType`, or null when none is registered. */
export function findConnector(thirdType: string): ConnectorDefinition | null {
  return BY_THIRD_TYPE.get(thirdType) ?? null;
}

/**
 * The connector of `thirdType`: the only way the modules reach one. A thirdType without a
 * registered connector is a 400 `third_app.unsupported_type` naming the supported ones.
 */
export function connectorOf(thirdType: string): ConnectorDefinition {
  const found = findConnector(thirdType);
  if (found) return found;
  const supported = SUPPORTED_THIRD_TYPES.join(', ');
  throw badRequest(
    'third_app.unsupported_type',
    `不支持的第三方类型 thirdType "${thirdType}"，本服务支持：${supported}。 (Unsupported thirdType "${thirdType}"; this server supports: ${supported}.)`,
    { field: 'thirdType', supported: [...SUPPORTED_THIRD_TYPES] },
  );
}
