import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LinkRequest } from '../../api/link-requests';
import { useLinkRequests } from './use-link-requests';

/** 接受 (after saying what it means) and 拒绝, for one request. */
export function LinkRequestActions({ request }: { request: LinkRequest }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const links = useLinkRequests();
  const vars = { tenant: request.tenantName, name: request.wechatName };
  const busy = links.busy === request.id;

  const confirmAccept = () =>
    modal.confirm({
      title: t('account.link.acceptTitle', vars),
      content: t('account.link.meaning', vars),
      okText: t('account.link.accept'),
      okButtonProps: { 'data-testid': 'link-request-accept-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => links.accept(request),
    });

  return (
    <Space size={8} wrap>
      <Button
        type="primary"
        size="small"
        loading={busy}
        disabled={links.busy !== null && !busy}
        onClick={confirmAccept}
        data-testid={`link-request-accept-${request.id}`}
      >
        {t('account.link.accept')}
      </Button>
      <Popconfirm
        title={t('account.link.refuseTitle', vars)}
        description={t('account.link.refuseHint')}
        okText={t('account.link.refuse')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onConfirm={() => links.refuse(request)}
      >
        <Button
          size="small"
          danger
          disabled={links.busy !== null}
          data-testid={`link-request-refuse-${request.id}`}
        >
          {t('account.link.refuse')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
