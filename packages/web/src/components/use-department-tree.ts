import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { departmentsApi, flattenDepartments, type DepartmentNode } from '../api/departments';
import { queryKeys } from '../api/query-keys';
import { useInvalidate, useQueryScope } from '../api/use-query-scope';
import { useReportQueryError } from './use-paged-list';

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

const NO_DEPARTMENTS: DepartmentNode[] = [];

/**
 * The current tenant's department tree, plus the shapes pickers and tables need; shared through
 * the query cache by every component that shows it. `reload` marks departments (and the users
 * who belong to them) stale after a change.
 */
export function useDepartmentTree() {
  const scope = useQueryScope();
  const invalidate = useInvalidate();
  const query = useQuery({
    queryKey: queryKeys.departmentTree(scope),
    queryFn: () => departmentsApi.tree(),
  });
  useReportQueryError(query.error);
  const tree = query.data ?? NO_DEPARTMENTS;

  const names = useMemo(
    () => new Map(flattenDepartments(tree).map((node) => [node.id, node.name])),
    [tree],
  );
  const treeData = useMemo(() => toTreeSelect(tree), [tree]);
  const reload = useCallback(() => invalidate('departmentChanged'), [invalidate]);

  return { tree, treeData, names, loading: query.isFetching, reload };
}
