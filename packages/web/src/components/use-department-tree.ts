import { useCallback, useEffect, useMemo, useState } from 'react';
import { departmentsApi, flattenDepartments, type DepartmentNode } from '../api/departments';
import { useApiError } from './use-api-error';

export interface TreeSelectNode {
  value: number;
  title: string;
  key: number;
  children: TreeSelectNode[];
}

function toTreeSelect(nodes: DepartmentNode[]): TreeSelectNode[] {
  return nodes.map((node) => ({
    value: node.id,
    key: node.id,
    title: node.name,
    children: toTreeSelect(node.children ?? []),
  }));
}

/** The current tenant's department tree, plus the shapes pickers and tables need. */
export function useDepartmentTree() {
  const { report } = useApiError();
  const [tree, setTree] = useState<DepartmentNode[]>([]);
  const [loading, setLoading] = useState(true);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setTree(await departmentsApi.tree());
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const names = useMemo(
    () => new Map(flattenDepartments(tree).map((node) => [node.id, node.name])),
    [tree],
  );
  const treeData = useMemo(() => toTreeSelect(tree), [tree]);

  return { tree, treeData, names, loading, reload };
}
