import { App, Button, Descriptions, Empty, Modal, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/query-keys';
import { thirdLoginApi, type MyWecomBinding } from '../../api/third-login';
import { useInvalidate, useQueryScope } from '../../api/use-query-scope';
import { useSession } from '../../app/session';
import { formatTime } from '../../components/format';
import { useApiError } from '../../components/use-api-error';
import { useReportQueryError } from '../../components/use-paged-list';

/** The signed-in user's own WeCom binding in the current tenant: view it, unbind it. */
export function WeComBindingModal(props: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const { report } = useApiError();
  const { currentTenant } = useSession();
  const invalidate = useInvalidate();
  // Read each time the dialog opens; undefined while loading, null for none (or a failure).
  const query = useQuery({
    queryKey: queryKeys.myWecomBinding(useQueryScope()),
    queryFn: () => thirdLoginApi.myBinding(),
    enabled: props.open,
    retry: false,
  });
  useReportQueryError(query.error);
  const binding: MyWecomBinding | null | undefined = query.error
    ? null
    : query.isFetching && !query.isRefetching
      ? undefined
      : query.data;

  const unbind = () =>
    modal.confirm({
      title: t('thirdLogin.binding.confirmTitle'),
      content: t('thirdLogin.binding.confirmBody'),
      okText: t('thirdLogin.binding.unbind'),
      okButtonProps: { danger: true, 'data-testid': 'wecom-unbind-confirm' },
      onOk: async () => {
        try {
          await thirdLoginApi.unbindMine();
          void message.success(t('thirdLogin.binding.unbound'));
          await invalidate('myBindingRemoved');
        } catch (error) {
          report(error);
        }
      },
    });

  return (
    <Modal
      open={props.open}
      onCancel={props.onClose}
      title={t('thirdLogin.binding.title')}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('thirdLogin.binding.scope', { tenant: currentTenant?.name ?? '—' })}
      </Typography.Paragraph>
      <div data-testid="wecom-binding">
        {binding === undefined && <Spin />}
        {binding === null && <Empty description={t('thirdLogin.binding.none')} />}
        {binding && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('thirdLogin.binding.wechatUserId')}>
                {binding.wechatUserId}
              </Descriptions.Item>
              <Descriptions.Item label={t('thirdLogin.binding.wechatName')}>
                {binding.wechatName}
              </Descriptions.Item>
              <Descriptions.Item label={t('thirdLogin.binding.corpId')}>
                {binding.corpId}
              </Descriptions.Item>
              <Descriptions.Item label={t('thirdLogin.binding.boundAt')}>
                {formatTime(binding.boundAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('thirdLogin.binding.status')}>
                <Tag color={binding.active ? 'green' : 'default'}>
                  {binding.active
                    ? t('thirdLogin.binding.active')
                    : t('thirdLogin.binding.inactive')}
                </Tag>
              </Descriptions.Item>
            </Descriptions>
            <Button danger style={{ marginTop: 16 }} onClick={unbind} data-testid="wecom-unbind">
              {t('thirdLogin.binding.unbind')}
            </Button>
          </>
        )}
      </div>
    </Modal>
  );
}
