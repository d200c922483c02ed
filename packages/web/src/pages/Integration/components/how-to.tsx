import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIntegration } from '../integration-context';

/** What each provider's how-to lists, in order (texts in `<slug>.info.<item>`). */
const ITEMS = {
  wecom: ['corpId', 'agent', 'visibleRange', 'trustedDomain', 'trustedIp', 'contactSecret'],
  dingtalk: [
    'create',
    'credentials',
    'corpId',
    'permissions',
    'scope',
    'homepage',
    'events',
    'ip',
    'publish',
  ],
} as const;

/** Step 1: how to create the app and where each value lives in the provider's console. */
export function HowTo({ host }: { host: string }) {
  const { t } = useTranslation();
  const { slug, tid } = useIntegration();
  return (
    <div data-testid={tid('howto')}>
      <Typography.Paragraph>{t(`${slug}.info.intro`)}</Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {ITEMS[slug].map((key) => (
          <li key={key} style={{ marginBottom: 6 }}>
            {t(`${slug}.info.${key}`, { host })}
          </li>
        ))}
      </ol>
    </div>
  );
}
