import type { ThirdType } from '../db/schema';
import type { ConnectorDefinition, ProviderId } from './kit';
import { wecomConnector } from './wecom';

/** Exhaustive: adding a provider id fails the type check until it has a definition. */
export const CONNECTORS: Record<ProviderId, ConnectorDefinition> = {
  wecom: wecomConnector,
};

/** The API's `thirdType` spelling (kept from the anchor system) → connector. */
export const PROVIDER_OF: Record<ThirdType, ProviderId> = {
  wechat_enterprise: 'wecom',
};
