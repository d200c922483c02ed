import { Button, Space, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInvalidate } from '../../../../api/use-query-scope';
import { RunHistory } from './run-history';
import { SyncDialog } from './sync-dialog';
import { useIntegration } from '../../integration-context';

/** Step 4 (数据同步) of an integration page: the 同步 button, its dialog and the run history. */
export function SyncPanel() {
  const { t } = useTranslation();
  const { provider } = useIntegration();
  const [open, setOpen] = useState(false);
  const invalidate = useInvalidate();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('sync.intro', { provider })}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<SyncOutlined />}
        onClick={() => setOpen(true)}
        data-testid="sync-start"
      >
        {t('sync.start')}
      </Button>
      <Typography.Title level={5}>{t('sync.history')}</Typography.Title>
      <RunHistory />
      <SyncDialog
        open={open}
        onClose={() => {
          setOpen(false);
          // A run may have created, paired, updated or left out members and departments.
          void invalidate('syncApplied');
        }}
      />
    </Space>
  );
}
