import type { Locale, MessagingCapabilities } from '../../connectors/kit';
import { CONNECTORS } from '../../connectors/registry';
import type { ThirdType } from '../../db/schema';

/** What the messages module needs to know about a connector besides its instance. */
export interface MessagingConnector {
  thirdType: ThirdType;
  /** `app` of sendMessageTest (`WECHAT_ENTERPRISE`, `DINGTALK`, `FEISHU`). */
  appName: string;
  names: Record<Locale, string>;
  capabilities: MessagingCapabilities;
}

export interface MessagingConnectors {
  /** The connector whose `appName` is `app` (case and blanks ignored); null = none registered. */
  byApp(app: string): MessagingConnector | null;
  byThirdType(thirdType: ThirdType): MessagingConnector;
  all(): MessagingConnector[];
}

/** The registered connectors (connectors/registry.ts). */
export function registeredConnectors(): MessagingConnectors {
  return connectorsOf(
    Object.values(CONNECTORS).map((def) => ({
      thirdType: def.thirdType as ThirdType,
      appName: def.appName,
      names: def.names,
      capabilities: def.capabilities.messaging,
    })),
  );
}

export function connectorsOf(list: MessagingConnector[]): MessagingConnectors {
  return {
    byApp(app) {
      const key = app.trim().toUpperCase();
      return list.find((c) => c.appName.toUpperCase() === key) ?? null;
    },
    byThirdType(thirdType) {
      const found = list.find((c) => c.thirdType === thirdType);
      if (!found) throw new Error(`no connector registered for thirdType ${thirdType}`);
      return found;
    },
    all: () => [...list],
  };
}
