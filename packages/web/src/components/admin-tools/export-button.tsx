import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiError } from '../use-api-error';

/**
 * 导出 CSV: fetches the file with the session's headers (never a link with the token in the URL)
 * and hands it to the browser; the list's current filters go with it.
 */
export function ExportButton({
  onExport,
  testId,
  size,
}: {
  onExport: () => Promise<void>;
  testId: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onExport();
      void message.success(t('adminTools.export.started'));
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('adminTools.export.hint')}>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void run()}
        data-testid={testId}
        {...(size ? { size } : {})}
      >
        {t('adminTools.export.button')}
      </Button>
    </Tooltip>
  );
}
