import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Step 1: where each value lives in the WeCom admin console. */
export function HowTo({ host }: { host: string }) {
  const { t } = useTranslation();
  const items = [
    'corpId',
    'agent',
    'visibleRange',
    'trustedDomain',
    'trustedIp',
    'contactSecret',
  ] as const;
  return (
    <div data-testid="wecom-howto">
      <Typography.Paragraph>{t('wecom.info.intro')}</Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20, margin: 0 }}>
        {items.map((key) => (
          <li key={key} style={{ marginBottom: 6 }}>
            {t(`wecom.info.${key}`, { host })}
          </li>
        ))}
      </ol>
    </div>
  );
}
