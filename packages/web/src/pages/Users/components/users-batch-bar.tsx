import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminToolsApi, BATCH_MAX } from '../../../api/admin-tools';
import type { UserRow } from '../../../api/users';
import { useBatchAction } from '../../../components/admin-tools/use-batch-action';

/** 冻结 / 解冻 / 移出 for the selected members, each confirmed with the count. */
export function UsersBatchBar(props: {
  selected: number[];
  rows: UserRow[];
  onClear: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const batch = useBatchAction();
  const { selected } = props;
  if (selected.length === 0) return null;
  const nameOf = (id: number) => {
    const r = props.rows.find((x) => x.id === id);
    return r ? `${r.realname || r.username} (${r.username})` : `#${id}`;
  };
  // Only members with a WeCom binding can be 移出'd.
  const bound = selected.filter((id) => props.rows.find((r) => r.id === id)?.wechatUserId);
  const done = () => {
    props.onClear();
    props.onDone();
  };
  const freeze = (frozen: boolean) =>
    batch({
      title: t(frozen ? 'adminTools.users.freezeConfirm' : 'adminTools.users.unfreezeConfirm', {
        count: selected.length,
      }),
      ...(frozen ? { content: t('users.freezeHint') } : {}),
      okText: t(frozen ? 'users.freeze' : 'users.unfreeze'),
      danger: frozen,
      ids: selected,
      nameOf,
      call: (ids) => adminToolsApi.freezeUsers(ids, frozen),
      onDone: done,
    });
  const unbind = () =>
    batch({
      title: t('adminTools.users.removeConfirm', { count: bound.length }),
      content: t('adminTools.users.removeBody'),
      okText: t('adminTools.users.remove'),
      danger: true,
      ids: bound,
      nameOf,
      call: (ids) => adminToolsApi.removeBindings(ids),
      onDone: done,
    });
  const tooMany = selected.length > BATCH_MAX;

  return (
    <Alert
      type="info"
      style={{ marginBottom: 12 }}
      data-testid="users-batch-bar"
      message={
        <Space wrap>
          <span>{t('adminTools.selected', { count: selected.length })}</span>
          <Button
            danger
            size="small"
            disabled={tooMany}
            onClick={() => freeze(true)}
            data-testid="users-batch-freeze"
          >
            {t('users.freeze')}
          </Button>
          <Button
            size="small"
            disabled={tooMany}
            onClick={() => freeze(false)}
            data-testid="users-batch-unfreeze"
          >
            {t('users.unfreeze')}
          </Button>
          <Button
            danger
            size="small"
            disabled={tooMany || bound.length === 0}
            onClick={unbind}
            data-testid="users-batch-remove"
          >
            {t('adminTools.users.removeCount', { count: bound.length })}
          </Button>
          <Button type="link" size="small" onClick={props.onClear}>
            {t('adminTools.clearSelection')}
          </Button>
        </Space>
      }
    />
  );
}
