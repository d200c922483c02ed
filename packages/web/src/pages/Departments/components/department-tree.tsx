import { Empty, Spin, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flattenDepartments, type DepartmentNode } from '../../../api/departments';
import { DepartmentTitle, type NodeAction } from './department-title';

interface AntTreeNode {
  key: number;
  title: string;
  node: DepartmentNode;
  children: AntTreeNode[];
}

function toAntTree(nodes: DepartmentNode[]): AntTreeNode[] {
  return nodes.map((node) => ({
    key: node.id,
    title: node.name,
    node,
    children: toAntTree(node.children ?? []),
  }));
}

/** The department tree with per-node actions; loading and empty states included. */
export function DepartmentTree(props: {
  tree: DepartmentNode[];
  loading: boolean;
  onAction: (kind: NodeAction, node: DepartmentNode) => void;
  /** A search is on: every branch shown open, whatever was collapsed. */
  filtered?: boolean;
  selectedId?: number | null;
  onSelect?: (node: DepartmentNode | null) => void;
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const treeData = useMemo(() => toAntTree(props.tree), [props.tree]);
  // Track what the admin collapsed rather than what is open, so new branches show expanded.
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const parentKeys = useMemo(
    () =>
      flattenDepartments(props.tree)
        .filter((d) => (d.children ?? []).length > 0)
        .map((d) => d.id),
    [props.tree],
  );

  if (treeData.length === 0) {
    return props.loading ? (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    ) : (
      <Empty description={props.emptyText ?? t('departments.empty')} />
    );
  }
  return (
    <div style={{ maxWidth: 720 }}>
      <Tree<AntTreeNode>
        blockNode
        showLine
        selectable={!!props.onSelect}
        selectedKeys={props.selectedId != null ? [props.selectedId] : []}
        onSelect={(_, info) => props.onSelect?.(info.selected ? info.node.node : null)}
        treeData={treeData}
        expandedKeys={props.filtered ? parentKeys : parentKeys.filter((id) => !collapsed.has(id))}
        onExpand={(keys) => {
          const open = new Set(keys.map(Number));
          setCollapsed(new Set(parentKeys.filter((id) => !open.has(id))));
        }}
        titleRender={(item) => (
          <DepartmentTitle node={item.node} onAction={(kind) => props.onAction(kind, item.node)} />
        )}
      />
    </div>
  );
}
