import { createContext, useContext } from 'react';
import type { ConnectorInfo } from '../../api/connectors';
import type { ThirdType } from '../../api/third-app';

/**
 * The provider an integration page serves, read by its panels: the thirdType they pass to the
 * API, the provider's name for their texts (from the connector's `names`), and the prefix of
 * their test ids (`wecom-…`, `dingtalk-…`).
 */
export interface Integration {
  thirdType: ThirdType;
  /** The server's connector; null until it answered, or when it has none for this thirdType. */
  connector: ConnectorInfo | null;
  /** The provider's name in the current language (企业微信, 钉钉, …). */
  provider: string;
  slug: 'wecom' | 'dingtalk';
}

const IntegrationContext = createContext<Integration | null>(null);
export const IntegrationProvider = IntegrationContext.Provider;

export function useIntegration(): Integration & { tid(name: string): string } {
  const value = useContext(IntegrationContext);
  if (!value) throw new Error('useIntegration outside an integration page');
  return { ...value, tid: (name: string) => `${value.slug}-${name}` };
}
