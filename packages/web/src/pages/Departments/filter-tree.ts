import type { DepartmentNode } from '../../api/departments';

/**
 * The tree cut down to the departments whose name contains `keyword` (case-insensitive), each
 * with its ancestors (so it is found where it sits) and its own sub-tree (so it can be opened).
 */
export function filterTree(nodes: DepartmentNode[], keyword: string): DepartmentNode[] {
  const k = keyword.trim().toLowerCase();
  if (!k) return nodes;
  return nodes.flatMap((node) => {
    if (node.name.toLowerCase().includes(k)) return [node];
    const children = filterTree(node.children ?? [], k);
    return children.length > 0 ? [{ ...node, children }] : [];
  });
}
