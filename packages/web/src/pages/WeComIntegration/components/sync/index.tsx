import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder for step 4 (数据同步); the sync dialog replaces this file. */
export function SyncPanel() {
  const { t } = useTranslation();
  return <Typography.Paragraph type="secondary">{t('wecom.sync.intro')}</Typography.Paragraph>;
}
