import {
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  MoreOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepartmentNode } from '../../../api/departments';

export type NodeAction = 'add' | 'rename' | 'move' | 'delete';

/** One row of the tree: name, member count and the node's actions. */
export function DepartmentTitle(props: {
  node: DepartmentNode;
  onAction: (action: NodeAction) => void;
}) {
  const { t } = useTranslation();
  const { node } = props;
  return (
    <div
      data-testid={`department-${node.id}`}
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 12,
        minHeight: 24,
      }}
    >
      <Space size={8} style={{ minWidth: 0 }}>
        <Typography.Text ellipsis style={{ maxWidth: 360 }}>
          {node.name}
        </Typography.Text>
        <Tag>{t('departments.memberCount', { count: node.memberCount ?? 0 })}</Tag>
      </Space>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'add', icon: <PlusOutlined />, label: t('departments.addChild') },
            { key: 'rename', icon: <EditOutlined />, label: t('departments.rename') },
            { key: 'move', icon: <DragOutlined />, label: t('departments.move') },
            { type: 'divider' },
            { key: 'delete', icon: <DeleteOutlined />, label: t('common.delete'), danger: true },
          ],
          onClick: ({ key, domEvent }) => {
            domEvent.stopPropagation();
            props.onAction(key as NodeAction);
          },
        }}
      >
        <Button
          type="text"
          size="small"
          icon={<MoreOutlined />}
          aria-label={t('common.actions')}
          onClick={(event) => event.stopPropagation()}
        />
      </Dropdown>
    </div>
  );
}
