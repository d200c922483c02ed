import { DeleteOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, Typography, Upload } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { domainApi, type VerifyFile } from '../../../api/domain';
import { queryKeys } from '../../../api/query-keys';
import { useInvalidate, useQueryScope } from '../../../api/use-query-scope';
import { formatTime } from '../../../components/format';
import { useApiError } from '../../../components/use-api-error';
import { useReportQueryError } from '../../../components/use-paged-list';

/** Larger files are refused here already; the server checks again (1 KB of text). */
const MAX_BYTES = 1024;

/**
 * WeCom's domain verification file (`WW_verify_….txt`): the admin drops the downloaded file,
 * the browser reads it and sends name + text; OrgBridge serves it at `/<name>`.
 */
export function VerifyFilesPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const invalidate = useInvalidate();
  const query = useQuery({
    queryKey: queryKeys.verifyFiles(useQueryScope()),
    queryFn: async () => (await domainApi.listFiles()).records,
  });
  useReportQueryError(query.error);
  const files: VerifyFile[] = query.data ?? [];
  const loading = query.isPending;
  const load = () => invalidate('verifyFilesChanged');

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      void message.error(t('domain.files.tooLarge', { name: file.name }));
      return;
    }
    try {
      await domainApi.uploadFile(file.name, await file.text());
      void message.success(t('domain.files.uploaded', { name: file.name }));
      await load();
    } catch (error) {
      report(error);
    }
  };

  const remove = async (fileName: string) => {
    try {
      await domainApi.deleteFile(fileName);
      void message.success(t('domain.files.deleted', { name: fileName }));
      await load();
    } catch (error) {
      report(error);
    }
  };

  return (
    <div data-testid="verify-files" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('domain.files.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('domain.files.intro')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".txt,text/plain"
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return Upload.LIST_IGNORE;
        }}
        data-testid="verify-files-drop"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('domain.files.drop')}</p>
        <p className="ant-upload-hint">{t('domain.files.dropHint')}</p>
      </Upload.Dragger>
      <Table<VerifyFile>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="fileName"
        loading={loading}
        dataSource={files}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('domain.files.empty') }}
        data-testid="verify-files-table"
        columns={[
          { title: t('domain.files.name'), dataIndex: 'fileName' },
          {
            title: t('domain.files.urls'),
            dataIndex: 'urls',
            render: (urls: string[]) =>
              urls.map((url) => (
                <div key={url}>
                  <Typography.Link href={url} target="_blank" rel="noreferrer">
                    {url}
                  </Typography.Link>
                </div>
              )),
          },
          {
            title: t('domain.files.uploadedAt'),
            dataIndex: 'createdAt',
            render: (at: string) => formatTime(at, i18n.language),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Popconfirm
                title={t('domain.files.deleteConfirm', { name: row.fileName })}
                okText={t('domain.files.delete')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true, 'data-testid': 'verify-file-delete-confirm' }}
                onConfirm={() => remove(row.fileName)}
              >
                <Button
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  data-testid={`verify-file-delete-${row.fileName}`}
                >
                  {t('domain.files.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </div>
  );
}
